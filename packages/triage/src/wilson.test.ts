import { wilson } from './wilson';

describe('wilson', () => {
  it.each([
    // Reference values (Newcombe 1998, method 3; and by hand).
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [20, 20, 0.8389, 1],
  ])('%i/%i is [%p, %p]', (k, n, low, high) => {
    const ci = wilson(k, n);
    expect(ci.low).toBeCloseTo(low, 3);
    expect(ci.high).toBeCloseTo(high, 3);
  });

  it('is the whole range for no trials', () => {
    expect(wilson(0, 0)).toEqual({ low: 0, high: 1 });
  });
});
