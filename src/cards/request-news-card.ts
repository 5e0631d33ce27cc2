import template from '../../cards/request-news.json';
import type { Card } from './card';
import type { ContainmentRequest } from '../containment/model';
import type { Fact } from './card-action';
import type { ActionCardView } from './action-view';
import { safeText } from './escape';
import { deciderName, deciderTitle, requestStatus } from './request-status';
import { containerStyle } from './tone';
import { renderCard as render } from './render';

/**
 * The short message the requester gets when their request is decided or ends in Defender: where
 * it stands (the same words as the approval card), who decided, and the denial's reason. Outside
 * a personal chat it @mentions them, so Teams notifies them.
 */
export function requestNewsCard(r: ContainmentRequest, kind: ActionCardView): Card {
  const status = requestStatus(r, kind);
  const name = safeText(r.requester.name, 100) || 'there';
  const mention = r.conversation.type !== 'personal' && Boolean(r.conversation.requesterId);
  const greeting = `${mention ? `<at>${name}</at>` : name}, news on your request to ${kind.what(r)}:`;
  const decided = deciderTitle(r);
  const facts: Fact[] = [
    ...(decided && r.decision ? [{ title: decided, value: deciderName(r.decision) }] : []),
    ...(r.decision?.comment ? [{ title: 'Comment', value: safeText(r.decision.comment, 600) }] : []),
    { title: 'Request', value: safeText(r.id, 64) },
  ];
  const card = render(template, { greeting, status: status.text, style: containerStyle(status.tone), facts });
  if (!mention) return card;
  return { ...card, msteams: { entities: [{ type: 'mention', text: `<at>${name}</at>`, mentioned: { id: r.conversation.requesterId, name: r.requester.name } }] } };
}
