import { serializerCompiler } from 'fastify-type-provider-zod';

type CompileSerializer = typeof serializerCompiler;

/**
 * The response serializer: zod checks every answer against the route's schema, then JSON. A derived
 * answer kept in a cache by data version (statistics, a roster page, a board page, the pipeline's
 * figures) is the same object on every request until a write; checking and writing it out again is most
 * of such a request's cost. So the text of an answer is kept with the answer object itself (a WeakMap,
 * per route and status code: it goes when the object goes) and written out once.
 *
 * The contract this relies on, which the caches keep already: an object handed to the serializer is not
 * changed afterwards. Answers built per request are new objects and miss (one WeakMap lookup).
 */
export const keptAnswerSerializer: CompileSerializer = (route) => {
  const serialize = serializerCompiler(route);
  const kept = new WeakMap<object, string>();
  return (data: unknown) => {
    if (typeof data !== 'object' || data === null) return serialize(data);
    const hit = kept.get(data);
    if (hit !== undefined) return hit;
    const text = serialize(data);
    kept.set(data, text);
    return text;
  };
};

/**
 * The same answer object for the same kept result: a route that wraps a cached page in its response
 * (page number, page size) keeps the wrapper with the page, so the serializer above finds it again.
 */
export function keptWrapper(): <V extends object>(key: object, make: () => V) => V {
  const wrappers = new WeakMap<object, object>();
  return <V extends object>(key: object, make: () => V): V => {
    let v = wrappers.get(key) as V | undefined;
    if (v === undefined) {
      v = make();
      wrappers.set(key, v);
    }
    return v;
  };
}
