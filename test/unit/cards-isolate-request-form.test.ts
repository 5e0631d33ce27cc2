import { isolateRequestFormAction } from '../../src/cards/isolate-request-form';
import { cardText } from '../support/card-text';

/* A compact Input.ChoiceSet shows its value on one line: long choice titles are cut off (issue 15, item 13). */
const form = () => (isolateRequestFormAction({ machineId: 'a'.repeat(40), deviceName: 'workstation-07' }) as { card: unknown }).card as { body: Array<{ type?: string; choices?: { title: string; value: string }[] }> };

describe('isolation request form', () => {
  it('when rendered, then each isolation choice has a short title that fits a one-line dropdown', () => {
    const choices = form().body.find((b) => b.type === 'Input.ChoiceSet')?.choices ?? [];
    expect(choices.map((c) => c.value)).toEqual(['Full', 'Selective']);
    for (const c of choices) expect(c.title.length).toBeLessThanOrEqual(30);
  });

  it('when rendered, then what Full and Selective mean is still said, in wrapping text', () => {
    const text = cardText(form());
    expect(text).toMatch(/Full cuts the device off the network; Defender stays connected/);
    expect(text).toMatch(/Selective keeps Outlook, Teams and Skype working/);
  });
});
