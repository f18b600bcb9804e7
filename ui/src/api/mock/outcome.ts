// The mock's outcome document: the demo forum's canned first draft (outcome.data.ts), one
// version, changed in place as the editor sends its changes. Versions, adoption freezing a
// version, the language marks and the comparison of versions are the core's (src/outcome/),
// tested there and end to end (e2e/outcome.test.mjs).
import type {
  ExportOutcome,
  OutcomeDocument,
  OutcomeLang,
  SectionDiff,
  SectionEdit,
  SectionInput,
  SectionView,
  Version,
} from '../types';
import { missing, noFile, now, params, reply } from './canned';
import { DEMO_OUTCOME } from './outcome.data';

const EMPTY: OutcomeDocument = { versions: [], version: null, sections: [] };
const documents = new Map<string, OutcomeDocument>(params.has('empty') ? [] : [['demo-forum', structuredClone(DEMO_OUTCOME)]]);

function documentOf(eventId: string): OutcomeDocument {
  const doc = documents.get(eventId) ?? structuredClone(EMPTY);
  documents.set(eventId, doc);
  return doc;
}

export function outcomeGet(eventId: string, _version: number | null): Promise<OutcomeDocument> {
  return reply(documentOf(eventId));
}

export function outcomeSectionAdd(eventId: string, _version: number | null, input: SectionInput): Promise<SectionView> {
  const { kind, title, bodyEn, bodyAr, actor, speaker, sessions } = input;
  const section = {
    key: crypto.randomUUID(),
    kind: kind ?? 'recommendation',
    title,
    bodyEn,
    bodyAr,
    updatedEn: now(),
    updatedAr: now(),
    actor,
    speakerId: speaker,
    sessionIds: sessions,
  };
  const view: SectionView = { section, stateEn: 'current', stateAr: 'current' };
  documentOf(eventId).sections.push(view);
  return reply(view);
}

export function outcomeSectionUpdate(eventId: string, key: string, _version: number | null, edit: SectionEdit): Promise<SectionView> {
  const view = documentOf(eventId).sections.find((s) => s.section.key === key);
  if (!view) return missing('section', key);
  const s = view.section;
  s.title = { en: edit.titleEn ?? s.title.en, ar: edit.titleAr ?? s.title.ar };
  s.bodyEn = edit.bodyEn ?? s.bodyEn;
  s.bodyAr = edit.bodyAr ?? s.bodyAr;
  s.actor = edit.actor ?? s.actor;
  s.sessionIds = edit.sessions ?? s.sessionIds;
  if (edit.speaker !== null) s.speakerId = edit.speaker || null;
  Object.assign(view, { stateEn: 'current', stateAr: 'current' });
  return reply(view);
}

export function outcomeSectionMove(eventId: string, key: string, _version: number | null, position: number): Promise<SectionView> {
  const sections = documentOf(eventId).sections;
  const at = sections.findIndex((s) => s.section.key === key);
  if (at < 0) return missing('section', key);
  const [view] = sections.splice(at, 1);
  sections.splice(position - 1, 0, view);
  return reply(view);
}

export function outcomeSectionDelete(eventId: string, key: string, _version: number | null): Promise<null> {
  const doc = documentOf(eventId);
  doc.sections = doc.sections.filter((s) => s.section.key !== key);
  return reply(null);
}

export function outcomeAdopt(eventId: string, version: number): Promise<Version> {
  const doc = documentOf(eventId);
  const adopted = doc.versions.find((v) => v.number === version);
  if (!adopted) return missing('version', String(version));
  adopted.adopted = { at: now(), by: 'organiser' };
  doc.version = adopted;
  return reply(adopted);
}

export function outcomeDiff(_eventId: string, _from: number, _to: number): Promise<Array<SectionDiff>> {
  return reply([]);
}

export function outcomeExport(_eventId: string, _lang: OutcomeLang, _version: number | null): Promise<ExportOutcome> {
  return noFile();
}
