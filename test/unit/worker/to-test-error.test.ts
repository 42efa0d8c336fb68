import { describe, expect, it } from 'vitest';
import { toTestError } from '../../../src/worker/to-test-error.js';

describe("a thrown value's message, as Jest words it", () => {
  const message = (thrown: unknown) => toTestError(thrown, []).message;

  it('names the class of an error of its own before its message', () => {
    expect(message(new TypeError("Cannot read properties of null (reading 'x')"))).toBe("TypeError: Cannot read properties of null (reading 'x')");
    expect(message(new RangeError('too far'))).toBe('RangeError: too far');
    class MyError extends Error {
      override name = 'MyError';
    }
    expect(message(new MyError('mine'))).toBe('MyError: mine');
  });

  it("leaves a plain Error's message, and one that already starts with its name, as they are", () => {
    expect(message(new Error('plain one'))).toBe('plain one');
    const named = Object.assign(new Error('AbortError: stopped'), { name: 'AbortError' });
    expect(message(named)).toBe('AbortError: stopped');
    expect(message({ message: 'an object with a message' })).toBe('an object with a message');
  });

  it('says what was thrown when it is no error, printed as Jest prints it', () => {
    expect(message('just text')).toBe('thrown: "just text"');
    expect(message(undefined)).toBe('thrown: undefined');
    expect(message({ code: 7 })).toBe('thrown: Object {\n  "code": 7,\n}');
  });
});
