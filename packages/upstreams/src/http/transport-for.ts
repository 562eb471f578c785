import type { SourceSettings } from '../connector.ts';
import { Transport } from './transport.ts';

/** The transport of one configured source, with its limits, TLS trust and read policy. */
export function transportFor(settings: SourceSettings): Transport {
  return new Transport({
    baseUrl: settings.url,
    timeoutMs: settings.timeoutSeconds * 1000,
    maxBytes: settings.maxResponseBytes,
    ...(settings.ca ? { ca: settings.ca } : {}),
    ...(settings.pinnedSha256 ? { pinnedSha256: settings.pinnedSha256 } : {}),
    breakerHalfOpenMs: settings.timing?.breakerHalfOpenMs ?? 30_000,
  });
}
