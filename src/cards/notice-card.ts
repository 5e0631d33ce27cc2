/**
 * Good or neutral news in words (a request made, where it stands), in the default tone: a notice
 * is never drawn like a problem (problem-card.ts).
 */
import noticeTemplate from '../../cards/notice.json';
import type { Card } from './card';
import { safeText } from './escape';
import { renderCard } from './render';

export interface NoticeCardInput {
  /** What happened, e.g. "Isolation requested". */
  title: string;
  detail: string;
  /** What happens next, e.g. "An approver (not you) approves or denies it." */
  next?: string;
}

export function noticeCard(input: NoticeCardInput): Card {
  const next = safeText(input.next, 600);
  return renderCard(noticeTemplate, { title: safeText(input.title), detail: safeText(input.detail, 600), hasNext: next !== '', next });
}
