import template from '../../cards/request-news.json';
import type { Card } from './card';
import type { ContainmentRequest } from '../containment/model';
import type { Fact } from './card-action';
import { safeText } from './escape';
import { deciderTitle, requestStatus } from './request-status';
import { containerStyle } from './tone';
import { renderCard as render } from './render';

/** What was asked, in a few words: "block file invoice.exe (275a021bbfb6489e…)", "isolate device ws-07". */
export function requestedWhat(r: ContainmentRequest): string {
  if (r.kind === 'isolate-device') return `isolate device ${safeText(r.target.computerDnsName, 120) || safeText(r.target.machineId, 40)}`;
  const hash = r.target.sha256 ?? r.target.sha1 ?? '';
  const name = safeText(r.target.fileName, 120);
  const short = `${hash.slice(0, 16)}…`;
  return name ? `block file ${name} (${short})` : `block file ${short}`;
}

/**
 * The short message the requester gets when their request is decided or ends in Defender: where
 * it stands (the same words as the approval card), who decided, and the denial's reason. Outside
 * a personal chat it @mentions them, so Teams notifies them.
 */
export function requestNewsCard(r: ContainmentRequest): Card {
  const status = requestStatus(r);
  const name = safeText(r.requester.name, 100) || 'there';
  const mention = r.conversation.type !== 'personal' && Boolean(r.conversation.requesterId);
  const greeting = `${mention ? `<at>${name}</at>` : name}, news on your request to ${requestedWhat(r)}:`;
  const decided = deciderTitle(r);
  const facts: Fact[] = [
    ...(decided && r.decision ? [{ title: decided, value: safeText(r.decision.by.name, 100) || safeText(r.decision.by.aadObjectId, 64) }] : []),
    ...(r.decision?.comment ? [{ title: 'Comment', value: safeText(r.decision.comment, 600) }] : []),
    { title: 'Request', value: safeText(r.id, 64) },
  ];
  const card = render(template, { greeting, status: status.text, style: containerStyle(status.tone), facts });
  if (!mention) return card;
  return { ...card, msteams: { entities: [{ type: 'mention', text: `<at>${name}</at>`, mentioned: { id: r.conversation.requesterId, name: r.requester.name } }] } };
}
