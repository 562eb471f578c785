import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ListTable, VIRTUAL_FROM, type Column } from './list-table.tsx';
import { Pager } from './pager.tsx';

interface Row {
  id: string;
  name: string;
}
const rows = (n: number): Row[] => Array.from({ length: n }, (_, i) => ({ id: `r${i}`, name: `vm-${i}` }));
const columns: Column<Row, 'name'>[] = [
  { header: 'Name', sort: 'name', cell: (r) => r.name },
  { header: 'Id', hideBelow: 'xl', cell: (r) => r.id },
];
const table = (items: Row[]) =>
  renderToString(
    <ListTable
      caption="VMs"
      columns={columns}
      items={items}
      rowKey={(r) => r.id}
      sort="name"
      order="asc"
      onSort={() => {}}
      busy={false}
    />,
  );
const bodyRows = (html: string) => html.slice(html.indexOf('<tbody')).match(/<tr[ >]/g)?.length ?? 0;

describe('a list table', () => {
  it('renders every row of a short page', () => {
    const html = table(rows(VIRTUAL_FROM - 1));
    expect(bodyRows(html)).toBe(VIRTUAL_FROM - 1);
    expect(html).not.toContain('aria-rowcount');
  });

  it('renders a few dozen rows of a 100,000-row page, with spacers for the rest and the true row count', () => {
    const html = table(rows(100_000));
    // The rows near the top, and one spacer standing in for all the others below.
    expect(bodyRows(html)).toBeLessThan(200);
    expect(html).toContain('aria-rowcount="100001"');
    expect(html).toContain('vm-0<');
    expect(html).not.toContain('vm-99999<');
    expect(html).toContain('<tr aria-hidden="true"><td colSpan="2" class="p-0"></td></tr>');
  });

  it('leaves out a less important column below its breakpoint, header and cells alike', () => {
    const html = table(rows(3));
    expect(html.match(/hidden xl:table-cell/g)).toHaveLength(4);
  });
});

describe('the pager', () => {
  it('says which page of how many, and offers page sizes up to 100,000', () => {
    const html = renderToString(
      <Pager
        page={3}
        pageCount={1200}
        hasPrevious
        hasNext
        onPrevious={() => {}}
        onNext={() => {}}
        limit={50}
        onLimit={() => {}}
      />,
    ).replaceAll('<!-- -->', '');
    expect(html).toContain('Page 3 of 1,200');
    expect(html).toContain('Rows per page');
    expect(html).toMatch(/<option value="50" selected="">50<\/option>/);
    expect(html).toContain('<option value="100000">100,000 (scrolls)</option>');
  });
});
