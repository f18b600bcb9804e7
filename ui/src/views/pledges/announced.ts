// Who announced a pledge and where: speakers and sessions as the pledge views name them.
import type { Event, PledgeView, Session, Speaker } from '../../api/types';
import { formatInstantIn, pick, pickLang, type Lang } from '../../i18n/index.svelte';

/** "H.E. Sultan bin Saad Al-Muraikhi": honorific and name in one language, the current one if it has the name. */
export function speakerLabel(speaker: Speaker): { text: string; lang: Lang } {
  const lang = pickLang(speaker.name);
  const text = [speaker.honorific[lang], speaker.name[lang]].map((part) => part.trim()).filter(Boolean).join(' ');
  return { text, lang };
}

/** "Opening Session · 21 May 2024, 09:30", the time in the event's timezone. */
export function sessionLabel(session: Session, event: Event | null): { title: string; lang: Lang; when: string } {
  return {
    title: pick(session.title),
    lang: pickLang(session.title),
    when: event ? formatInstantIn(session.start, event.timezone) : '',
  };
}

/** The years a pledge covers, in order. */
export function pledgeYears(pledge: PledgeView): number[] {
  return pledge.lines.map((line) => line.year).sort((a, b) => a - b);
}
