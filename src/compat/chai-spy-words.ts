import { runJestMatcher } from './chai-bridges.js';

type ChaiUtils = { addProperty(target: object, name: string, getter: (this: object) => unknown): void; addMethod(target: object, name: string, method: (this: object, ...args: unknown[]) => unknown): void; flag(assertion: object, key: string): unknown };
type ChaiPlugin = (chai: { Assertion: { prototype: object } }, utils: ChaiUtils) => void;

/**
 * The spy words of Vitest's chai (sinon-chai's, in part): `expect(spy).to.have.been.calledWith(1)`,
 * `.calledOnce`, `.not.called`... each is the Jest-style matcher of the same meaning, as in Vitest,
 * and so words its failure as that matcher does.
 */
const PROPERTIES: [word: string, matcher: string, ...args: unknown[]][] = [
  ['called', 'toHaveBeenCalled'],
  ['calledOnce', 'toHaveBeenCalledOnce'],
  ['calledTwice', 'toHaveBeenCalledTimes', 2],
  ['calledThrice', 'toHaveBeenCalledTimes', 3],
];

const METHODS: [word: string, matcher: string][] = [
  ['callCount', 'toHaveBeenCalledTimes'],
  ['calledWith', 'toHaveBeenCalledWith'],
  ['calledOnceWith', 'toHaveBeenCalledExactlyOnceWith'],
  ['lastCalledWith', 'toHaveBeenLastCalledWith'],
  ['nthCalledWith', 'toHaveBeenNthCalledWith'],
  ['returned', 'toHaveReturned'],
  ['returnedWith', 'toHaveReturnedWith'],
  ['returnedTimes', 'toHaveReturnedTimes'],
  ['lastReturnedWith', 'toHaveLastReturnedWith'],
  ['nthReturnedWith', 'toHaveNthReturnedWith'],
  ['calledBefore', 'toHaveBeenCalledBefore'],
  ['calledAfter', 'toHaveBeenCalledAfter'],
];

export const spyWords: ChaiPlugin = (chai, utils) => {
  const prototype = chai.Assertion.prototype;
  const run = (assertion: object, matcher: string, args: unknown[]): void => void runJestMatcher(utils.flag, assertion, matcher, args);
  for (const [word, matcher, ...args] of PROPERTIES) utils.addProperty(prototype, word, function () {
    run(this, matcher, args);
  });
  for (const [word, matcher] of METHODS) utils.addMethod(prototype, word, function (...args) {
    run(this, matcher, args);
  });
};
