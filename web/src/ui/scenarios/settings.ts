// The merchant's scenario settings: which scanned texts are member ids, which are
// ticket/room/bill codes to look up, and who prices those codes (the host page's
// callback or the acquirer's POST /v1/lookups). Kept with the terminal's preferences;
// the element's attributes (and the kiosk's URL) override them for one page.

export type LookupLabel = 'ticket' | 'room' | 'bill';
export type LookupSource = 'host' | 'acquirer';
export const LOOKUP_LABELS: readonly LookupLabel[] = ['ticket', 'room', 'bill'];

export interface LookupPattern {
  pattern: string;
  label: LookupLabel;
}

export interface ScenarioSettings {
  /** "" for no loyalty scheme */
  memberPattern: string;
  lookups: LookupPattern[];
  lookupSource: LookupSource;
}

export const DEFAULT_SCENARIOS: ScenarioSettings = {
  memberPattern: '',
  lookups: [],
  lookupSource: 'acquirer',
};

/** The preference key (Terminal.preference). */
export const SCENARIO_PREFERENCE = 'scenarios';

/** At most this many lookup patterns: the settings screen has a row each. */
export const MAX_LOOKUPS = 3;

/** Per-page overrides: element attributes or URL parameters; absent = the saved setting. */
export interface ScenarioOverrides {
  memberPattern?: string;
  /** space-separated patterns, each optionally `ticket:`, `room:` or `bill:` first */
  lookupPatterns?: string;
  lookupSource?: string;
}

/** "TK-######## room:RM-###" -> patterns with labels (unlabelled ones are bills). */
export function parseLookupList(text: string): LookupPattern[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, MAX_LOOKUPS)
    .map((item) => {
      const m = /^(ticket|room|bill):(.+)$/.exec(item);
      return m ? { label: m[1] as LookupLabel, pattern: m[2] } : { label: 'bill', pattern: item };
    });
}

export function withOverrides(saved: ScenarioSettings, o: ScenarioOverrides): ScenarioSettings {
  return {
    memberPattern: o.memberPattern ?? saved.memberPattern,
    lookups: o.lookupPatterns !== undefined ? parseLookupList(o.lookupPatterns) : saved.lookups,
    lookupSource:
      o.lookupSource === 'host' || o.lookupSource === 'acquirer' ? o.lookupSource : saved.lookupSource,
  };
}

/** A stored value made safe to use (an older or hand-edited preference). */
export function normalise(value: Partial<ScenarioSettings> | undefined): ScenarioSettings {
  const lookups = Array.isArray(value?.lookups) ? value.lookups : [];
  return {
    memberPattern: typeof value?.memberPattern === 'string' ? value.memberPattern : '',
    lookups: lookups
      .filter((l) => l && typeof l.pattern === 'string' && l.pattern)
      .slice(0, MAX_LOOKUPS)
      .map((l) => ({ pattern: l.pattern, label: LOOKUP_LABELS.includes(l.label) ? l.label : 'bill' })),
    lookupSource: value?.lookupSource === 'host' ? 'host' : 'acquirer',
  };
}
