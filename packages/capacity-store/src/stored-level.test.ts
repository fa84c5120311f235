import { storedLevel } from './practice-repository';

describe('storedLevel', () => {
  it.each(['GREEN', 'AMBER', 'RED', 'BLACK'] as const)('happy: reads %s as that level', (level) => {
    expect(storedLevel(level)).toBe(level);
  });

  it.each([null, undefined, '', 'green', 'PURPLE', 3])('sad: reads %p as no level, so it is computed afresh', (v) => {
    expect(storedLevel(v)).toBeNull();
  });
});
