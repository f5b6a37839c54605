/**
 * Stands in for `node-fetch` and `sync-fetch` in the extension build (see wxt.config.ts). citation-js can fetch
 * DOIs and URLs as inputs; Colophon only ever hands it records, and nothing is fetched at run time.
 */
function offline(): never {
  throw new Error('Colophon does not fetch citation data from the network.');
}
export default offline;
export const Headers = globalThis.Headers;
