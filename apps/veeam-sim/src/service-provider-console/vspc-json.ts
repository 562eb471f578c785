// JSON bodies and the console's response envelope: {meta: {pagingInfo}, data, errors: null}.

import type { ApiResponse } from '../fault-injection/api-handler.ts';

export type Json = string | number | boolean | null | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export function jsonResponse(
  status: number,
  body: Json,
  headers: Readonly<Record<string, string>> = {},
): ApiResponse {
  return { status, headers: { 'Content-Type': JSON_CONTENT_TYPE, ...headers }, body: JSON.stringify(body) };
}

/** A page of a collection; `total` counts every item that passed the filter. */
export function collectionBody(page: readonly Json[], total: number, offset: number): JsonObject {
  return { meta: { pagingInfo: { total, count: page.length, offset } }, data: [...page], errors: null };
}

export function itemBody(item: JsonObject): JsonObject {
  return { data: item, errors: null };
}
