/** A message of a protocol: told apart by its type. */
export interface Typed {
  type: string;
}

/**
 * One handler for every message type of a protocol, on either side: a new type without one
 * does not compile. A page or panel that never gets a type says so with a handler that
 * ignores it (or, on the host, refuses it).
 */
export type MessageHandlers<M extends Typed> = {
  [K in M['type']]: (message: Extract<M, { type: K }>) => unknown;
};

/** Calls the handler of the message's type; messages of no type the table names are left alone. */
export function dispatch<M extends Typed>(handlers: MessageHandlers<M>, message: M): unknown {
  if (!Object.hasOwn(handlers, message.type)) return undefined;
  return (handlers[message.type as M['type']] as (message: M) => unknown)(message);
}
