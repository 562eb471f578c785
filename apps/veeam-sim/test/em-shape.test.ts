// The simulator's Enterprise Manager answers must have the structure of Veeam's documented examples:
// same root element and namespace, and on every element the same child element names and attribute
// names. Lists may differ in length; elements the documentation names but its examples do not show
// in that state (EndTimeUTC, FailureMessage) are listed explicitly as allowed extras.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../src/index.ts';
import { basic, emClient, parseXml, type EmClient } from './helpers/em-client.ts';

interface Shape {
  readonly attributes: Set<string>;
  readonly children: Map<string, Shape>;
}

const FIXTURES = new URL('./fixtures/veeam-examples/', import.meta.url);

/** A fixture's XML: without its first-line source comment (and, for seeds, the page text around it). */
function example(file: string): string {
  const text = readFileSync(new URL(file, FIXTURES), 'utf8');
  if (file.endsWith('.txt')) {
    const start = text.indexOf('<EntityReferences');
    const end = text.indexOf('</EntityReferences>') + '</EntityReferences>'.length;
    // The pages elide further items with "..." between two tags.
    return unglueAttributes(text.slice(start, end).replace(/>\s*\.\.\.\s*</, '><'));
  }
  return text.startsWith('<!--') ? text.slice(text.indexOf('\n') + 1) : text;
}

/**
 * The failover sessions seed's page scrape lost the spaces before attributes
 * (`<RefType="…"Href="…"`): put them back after each quoted value, and between an element name and
 * its first attribute, which there is `xmlns` or one capitalized word (`Type`, `Rel`; the greedy
 * name leaves exactly that word). Well-formed XML never matches either pattern.
 */
function unglueAttributes(xml: string): string {
  return xml.replace(/(="[^"]*")(?=[\w:]+=)/g, '$1 ').replace(/<([A-Z]\w*)(xmlns|[A-Z][a-z]*)=/g, '<$1 $2=');
}

function emptyShape(): Shape {
  return { attributes: new Set(), children: new Map() };
}

/** Merges the shapes of every occurrence of an element (all items of a list, all examples). */
function addShape(into: Shape, value: unknown): Shape {
  if (Array.isArray(value)) {
    for (const item of value) addShape(into, item);
    return into;
  }
  if (typeof value !== 'object' || value === null) return into; // text-only or empty element
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith('@_')) {
      // Namespace declarations are not attributes; the default namespace is compared separately.
      if (!key.startsWith('@_xmlns')) into.attributes.add(key.slice(2));
    } else if (key !== '#text') {
      into.children.set(key, addShape(into.children.get(key) ?? emptyShape(), child));
    }
  }
  return into;
}

function rootOf(xml: string): { name: string; namespace: unknown; value: unknown } {
  const parsed = parseXml(xml);
  const name = Object.keys(parsed).find((key) => !key.startsWith('?')) as string;
  const value = parsed[name];
  return { name, namespace: (value as Record<string, unknown>)['@_xmlns'], value };
}

/** Differences between the documented shape and the simulator's, as readable paths. */
function differences(
  expected: Shape,
  actual: Shape,
  path: string,
  allowedExtras: ReadonlySet<string>,
): string[] {
  const found: string[] = [];
  for (const attribute of expected.attributes)
    if (!actual.attributes.has(attribute)) found.push(`missing ${path}@${attribute}`);
  for (const attribute of actual.attributes) {
    if (!expected.attributes.has(attribute) && !allowedExtras.has(`${path}@${attribute}`))
      found.push(`extra ${path}@${attribute}`);
  }
  for (const [name, shape] of expected.children) {
    const twin = actual.children.get(name);
    if (!twin) found.push(`missing ${path}/${name}`);
    else found.push(...differences(shape, twin, `${path}/${name}`, allowedExtras));
  }
  for (const name of actual.children.keys()) {
    if (!expected.children.has(name) && !allowedExtras.has(`${path}/${name}`))
      found.push(`extra ${path}/${name}`);
  }
  return found;
}

function compareShapes(
  examples: readonly string[],
  twins: readonly string[],
  allowedExtras: readonly string[] = [],
): void {
  const documented = examples.map((file) => rootOf(example(file)));
  const simulated = twins.map(rootOf);
  const name = documented[0]?.name as string;
  for (const root of [...documented, ...simulated]) {
    expect(root.name).toBe(name);
    expect(root.namespace).toBe('http://www.veeam.com/ent/v1.0');
  }
  const expected = documented.reduce((shape, root) => addShape(shape, root.value), emptyShape());
  const actual = simulated.reduce((shape, root) => addShape(shape, root.value), emptyShape());
  expect(differences(expected, actual, name, new Set(allowedExtras))).toEqual([]);
}

let sim: RunningSimulator;
let em: EmClient;
const body = async (path: string): Promise<string> => {
  const response = await em.get(path);
  expect(response.status, path).toBe(200);
  return response.text;
};

beforeAll(async () => {
  sim = await startSimulator({ epoch: new Date('2026-01-15T12:00:00Z'), speed: 0 });
  em = await emClient(sim);
});
afterAll(() => sim.close());

describe('Enterprise Manager answers have the documented shape', () => {
  it('(the comparison itself notices a renamed element, attribute or namespace)', () => {
    const file = 'em_get_cloud_failoverSessions_id_entity_stopped.xml';
    const documented = example(file);
    expect(() => compareShapes([file], [documented])).not.toThrow();
    expect(() => compareShapes([file], [documented.replaceAll('Progress>', 'Percent>')])).toThrow();
    expect(() => compareShapes([file], [documented.replace(' UID=', ' Uid=')])).toThrow();
    expect(() => compareShapes([file], [documented.replace('ent/v1.0', 'ent/v2.0')])).toThrow();
  });

  it('GET /api/', async () => {
    compareShapes(['em_get_api_root.xml'], [await body('/api/')]);
  });

  it('POST /api/sessionMngr/ (LogonSession)', async () => {
    const { url, username, password } = sim.enterpriseManager;
    const response = await fetch(`${url}/api/sessionMngr/?v=v1_7`, {
      method: 'POST',
      headers: { Authorization: basic(username, password) },
    });
    compareShapes(['em_post_sessionMngr_logon.xml'], [await response.text()]);
  });

  it('backup server entity and the query service (References, paged)', async () => {
    compareShapes(
      ['em_get_backupServers_id_entity.xml'],
      [await body(`/api/backupServers/${sim.world.backupServers[0]?.uid}?format=Entity`)],
    );
    compareShapes(
      ['em_get_query_backupServer_pageSize1_refs.xml'],
      [await body('/api/query?type=backupServer&pageSize=1')],
    );
  });

  it('failover sessions: the collection (example and seed document), a reference, and entities in every state', async () => {
    const collection = await body('/api/cloud/failoverSessions');
    compareShapes(['em_get_cloud_failoverSessions.xml'], [collection]);
    // The seed document's example is the same collection, read back from its scraped page.
    compareShapes(['enterprise-manager-cloud-failover-sessions.txt'], [collection]);
    const session = sim.world.sessions[0];
    compareShapes(
      ['em_get_cloud_failoverSessions_id_ref.xml'],
      [await body(`/api/cloud/failoverSessions/${session?.uid}`)],
    );
    const entities = await Promise.all(
      sim.world.sessions.map((s) => body(`/api/cloud/failoverSessions/${s.uid}?format=Entity`)),
    );
    compareShapes(
      [
        'em_get_cloud_failoverSessions_id_entity_stopped.xml',
        'em_get_cloud_failoverSessions_id_after_start.xml',
      ],
      entities,
      // Documented fields (veeam-api.md 1.6) that neither example happens to show.
      [
        'CloudFailoverSession/FailureMessage',
        'CloudFailoverSession/CloudFailoverTasks/CloudFailoverTasks/EndTimeUTC',
        'CloudFailoverSession/CloudFailoverTasks/CloudFailoverTasks/FailureMessage',
      ],
    );
  });

  it('restore points: the collection (seed document), a reference and an entity', async () => {
    compareShapes(
      ['enterprise-manager-cloud-vm-replica-points.txt'],
      [await body('/api/cloud/vmReplicaPoints')],
    );
    const point = sim.world.points.latest(0, sim.world.clock.now());
    compareShapes(
      ['em_get_cloud_vmReplicaPoints_id_ref.xml'],
      [await body(`/api/cloud/vmReplicaPoints/${point?.uid}`)],
    );
    compareShapes(
      ['em_get_cloud_vmReplicaPoints_id_entity.xml'],
      [await body(`/api/cloud/vmReplicaPoints/${point?.uid}?format=Entity`)],
    );
  });

  it('cloud replica entity', async () => {
    compareShapes(
      ['em_get_cloud_replicas_id_entity.xml'],
      [await body(`/api/cloud/replicas/${sim.world.jobs[0]?.replicaUid}?format=Entity`)],
    );
  });

  it('cloud failover plans: entity and reference', async () => {
    const plans = sim.world.plans;
    compareShapes(
      ['em_get_cloud_cloudFailoverPlans_id_entity.xml'],
      await Promise.all(plans.map((plan) => body(`/api/cloud/cloudFailoverPlans/${plan.uid}?format=Entity`))),
    );
    compareShapes(
      ['em_get_cloud_cloudFailoverPlans_id_ref.xml'],
      [await body(`/api/cloud/cloudFailoverPlans/${plans[0]?.uid}`)],
    );
  });

  it('plan actions: the Task they answer and poll to, the documented start body, and the new session', async () => {
    // Plan 3 is failed over at the world's start: undo it, then start it again.
    const href = `/api/cloud/cloudFailoverPlans/${sim.world.plans[3]?.uid}`;
    const taskPath = (answer: { xml: Record<string, unknown> }) =>
      `/api/tasks/${String((answer.xml.Task as Record<string, unknown>).TaskId)}`;
    const undo = await em.send('POST', `${href}?action=undo`);
    expect(undo.status, undo.text).toBe(202);
    sim.world.clock.advance(2_000);
    const operationFinished = await body(taskPath(undo));
    // The documentation's other Task examples give the Delete link a Type; this one does not.
    compareShapes(['em_get_tasks_id_operationfinished.xml'], [operationFinished], ['Task/Links/Link@Type']);
    sim.world.clock.advance(3_000);
    const undone = await body(taskPath(undo));
    compareShapes(['em_get_tasks_id_finished_undo_cloud_failover.xml'], [undone]);
    // The Tasks page's finished StartJob (a backup job run, which the simulator does not offer) is
    // the same Task structure; its Operation and Message are values, which are not compared.
    compareShapes(['em_get_tasks_id_finished_startjob.xml'], [undone]);
    sim.world.clock.advance(60 * 60_000);

    const start = await em.send(
      'POST',
      `${href}?action=start`,
      example('em_post_cloudFailoverPlans_id_action_start_request.xml'),
    );
    expect(start.status, start.text).toBe(202);
    compareShapes(['em_post_cloudFailoverPlans_id_action_start_response_202.xml'], [start.text]);
    sim.world.clock.advance(5_000);
    const finished = await body(taskPath(start));
    compareShapes(['em_get_tasks_id_finished_start_cloud_failover.xml'], [finished]);
    const links = (parseXml(finished).Task as { Links: { Link: Record<string, string>[] } }).Links.Link;
    const session = new URL(links.find((l) => l['@_Rel'] === 'Related')?.['@_Href'] ?? '');
    compareShapes(
      ['em_get_cloud_failoverSessions_id_after_start.xml'],
      [await body(`${session.pathname}${session.search}`)],
    );
  });
});
