/**
 * A GUID in its 8-4-4-4-12 hexadecimal form, either case: rule ids and Entra ID tenant ids.
 * @example GUID_RE.test('58cbbe97-f835-4677-9bee-203b1df29600') // → true
 */
export const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
