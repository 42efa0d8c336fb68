/**
 * What was done to an object's string-keyed properties since the record was made, by property
 * descriptor, and what puts them back: globalThis under a test environment or after a test file,
 * and expect's matchers after a file that extended them. Reading a value never goes through a
 * getter unrecorded: Node 20 defines many globals (Blob, FormData, Headers, MessagePort...) as lazy
 * accessors that turn themselves into data properties when first read, and loading jsdom reads a
 * dozen of them.
 */
export class PropertyChanges {
  private readonly before: Map<string, PropertyDescriptor>;
  private readonly touched = new Set<string>();

  /** `what` names the properties in the error of a restore that cannot complete */
  constructor(
    private readonly target: object = globalThis,
    private readonly what = 'the globals',
  ) {
    this.before = ownDescriptors(target);
  }

  /** false for a key made non-configurable (Node's NaN, undefined, Infinity): it stays as it is */
  define(key: string, descriptor: PropertyDescriptor): boolean {
    const current = Object.getOwnPropertyDescriptor(this.target, key);
    if (current && !current.configurable) return false;
    this.touched.add(key);
    Object.defineProperty(this.target, key, descriptor);
    return true;
  }

  /** as an assignment `target[key] = value` would, without calling a setter */
  set(key: string, value: unknown): boolean {
    const enumerable = Object.getOwnPropertyDescriptor(this.target, key)?.enumerable ?? true;
    return this.define(key, { value, writable: true, enumerable, configurable: true });
  }

  /** the value a property had before the record */
  original(key: string): unknown {
    const descriptor = this.before.get(key);
    return descriptor?.get ? descriptor.get.call(this.target) : descriptor?.value;
  }

  /**
   * The install is over: what it changed without `define` (the lazy globals loading jsdom turned
   * into data properties) is undone with the rest. Keys it added that way stay, because they
   * belong to modules that stay loaded (undici's dispatcher symbols).
   */
  settle(): void {
    for (const [key, descriptor] of this.before) {
      if (!sameDescriptor(descriptor, Object.getOwnPropertyDescriptor(this.target, key))) this.touched.add(key);
    }
  }

  /** As settle, and the string keys added since are undone too: a test file's own. */
  settleWithAdded(): void {
    this.settle();
    for (const key of Object.getOwnPropertyNames(this.target)) if (!this.before.has(key)) this.touched.add(key);
  }

  /** Every touched key back to its descriptor from before, or gone if it had none. `who` names the changer in the error. */
  restore(who = 'the test environment'): void {
    const stuck: string[] = [];
    const bag = this.target as Record<string, unknown>;
    for (const key of [...this.touched].reverse()) {
      const descriptor = this.before.get(key);
      try {
        if (descriptor) Object.defineProperty(this.target, key, descriptor);
        else if (!delete bag[key]) stuck.push(key);
      } catch {
        stuck.push(key);
      }
    }
    this.touched.clear();
    // A test that made one of these non-configurable leaves the thread in a state no later file expects.
    if (stuck.length > 0) throw new Error(`${who} could not restore ${this.what} ${stuck.join(', ')}`);
  }
}

function ownDescriptors(target: object): Map<string, PropertyDescriptor> {
  return new Map(Object.getOwnPropertyNames(target).map((key) => [key, Object.getOwnPropertyDescriptor(target, key)!]));
}

function sameDescriptor(a: PropertyDescriptor | undefined, b: PropertyDescriptor | undefined): boolean {
  if (!a || !b) return a === b;
  const fields = ['value', 'get', 'set', 'writable', 'enumerable', 'configurable'] as const;
  return fields.every((field) => Object.is(a[field], b[field]));
}
