/**
 * Bumped whenever a socket event or the binary frame layout changes incompatibly. A client
 * sends it in the handshake (`auth.protocolVersion`); the server refuses any other value with
 * a message that says both versions, so a stale big-screen tab tells the operator to reload
 * instead of drawing garbage.
 */
export const PROTOCOL_VERSION = 1
