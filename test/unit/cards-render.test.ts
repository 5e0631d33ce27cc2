import { renderCard } from '../../src/cards/render';

const template = {
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Name: ${name}' },
    { type: 'TextBlock', text: '${name}' },
    { $when: '${show}', type: 'TextBlock', text: 'shown' },
    { $data: '${rows}', type: 'TextBlock', text: '${text}' },
  ],
};

describe('renderCard', () => {
  it('when data holds template syntax, then it comes out literally and is not evaluated', () => {
    const card = renderCard(template, { name: '${$root.secret} ${if(true, 1, 2)}', secret: 'leaked', show: false, rows: [] });
    const texts = (card.body as { text: string }[]).map((b) => b.text);
    expect(texts).toEqual(['Name: ${$root.secret} ${if(true, 1, 2)}', '${$root.secret} ${if(true, 1, 2)}']);
    expect(JSON.stringify(card)).not.toContain('leaked');
  });

  it('when data holds quotes, backslashes and line separators, then the card is still valid JSON with the same text', () => {
    const name = '"},{"type":"Action.OpenUrl","url":"http://evil"} \\ \u2028 </script>';
    const card = renderCard(template, { name, show: true, rows: [{ text: 'r1' }, { text: 'r2' }] });
    const parsed = JSON.parse(JSON.stringify(card)) as { body: { text: string }[] };
    expect(parsed.body.map((b) => b.text)).toEqual([`Name: ${name}`, name, 'shown', 'r1', 'r2']);
  });

  it('when the view model is changed after rendering, then the card is not', () => {
    const rows = [{ text: 'r1' }];
    const card = renderCard(template, { name: 'n', show: false, rows });
    rows[0]!.text = 'changed';
    expect(JSON.stringify(card)).not.toContain('changed');
  });

  it('when the template is not an Adaptive Card, then rendering throws', () => {
    expect(() => renderCard({ type: 'Message', text: '${x}' }, { x: 1 })).toThrow('AdaptiveCard');
  });
});

describe('renderCard with a prepared (memoised) template', () => {
  it('when the same template is rendered with different view models, then no value leaks from one render into the next', () => {
    const template = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: '${name}' }, { $when: '${flag}', type: 'TextBlock', text: 'flagged' }] };
    const first = renderCard(template, { name: 'first', flag: true });
    const second = renderCard(template, { name: 'second', flag: false });
    const third = renderCard(template, { name: 'third', flag: true });
    expect(JSON.stringify(first)).toBe('{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"first"},{"type":"TextBlock","text":"flagged"}]}');
    expect(JSON.stringify(second)).toBe('{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"second"}]}');
    expect(JSON.stringify(third)).toContain('"third"');
    expect(template.body).toHaveLength(2);
  });
});
