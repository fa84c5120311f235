import { Destination, RED_FLAG_CODES } from '@sluice/contracts';
import { screen } from './index';

/** What intake relies on from the screen, whatever the rules say. */
describe('screen: the contract intake relies on', () => {
  it('happy: every structured red-flag code signposts to a known destination', () => {
    for (const code of RED_FLAG_CODES) {
      const r = screen({ description: 'see answers', redFlags: [code] });
      expect(r.outcome).toBe('emergency');
      if (r.outcome === 'emergency') expect(Destination.options).toContain(r.destination);
    }
  });

  it('happy: a plain emergency fires and a plain routine request does not', () => {
    expect(screen({ description: 'crushing chest pain going down my left arm' }).outcome).toBe('emergency');
    expect(screen({ description: 'Rash on my arm for two weeks' }).outcome).toBe('clear');
  });

  it('security: the advice never echoes what the patient wrote', () => {
    const text = 'zqxj-unique-marker severe chest pain and I cannot breathe';
    const r = screen({ description: text });
    expect(r.outcome).toBe('emergency');
    if (r.outcome === 'emergency') expect(r.reasonText).not.toContain('zqxj-unique-marker');
  });
});
