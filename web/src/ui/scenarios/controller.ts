// The merchant scenarios' part of the app (SPEC "Web"): member codes, ticket/room/bill
// lookups, table bills, table codes and the scenario settings. app.ts hands it the
// scans, clicks and forms it does not know; it changes AppState through the host.
// Money still moves only through the core's sessions (Terminal.pay / order).
import type { Core, ScanDto } from '../../sdk/core';
import { QrposError } from '../../sdk/errors';
import type { SessionRun } from '../../sdk/runner';
import type { SessionState } from '../../sdk/session-state';
import type { Terminal } from '../../sdk/terminal';
import { loadTools } from '../../sdk/tools';
import type { LookupResult, PaidDetail } from '../api';
import { t } from '../i18n';
import type { PrintController, PrintOutcome } from '../printing';
import type { AppState } from '../state';
import {
  MAX_LOOKUPS,
  SCENARIO_PREFERENCE,
  normalise,
  withOverrides,
  type LookupLabel,
  type ScenarioOverrides,
  type ScenarioSettings,
} from './settings';
import {
  DEFAULT_TABLE_FORM,
  TIP_MODES,
  parseTables,
  tableMpmInput,
  tableUrl,
  tipFields,
  type TableCodeForm,
} from './table-codes';

/** The host page's `lookup` callback (the element's property); null: no such code. */
export type HostLookup = (code: string) => Promise<LookupResult | null | undefined>;

/** What the app lends this controller. */
export interface ScenarioHost {
  state(): AppState;
  update(patch: Partial<AppState>): void;
  core: Core;
  terminal: Terminal;
  printing?: PrintController;
  emit(type: string, detail: unknown): void;
  hostLookup(): HostLookup | undefined;
  startSession(start: () => Promise<SessionRun>): Promise<void>;
  printed(outcome: PrintOutcome): void;
  /** the scan screen with a fresh countdown */
  scanScreen(patch: Partial<AppState>): void;
}

/** The scenario fields of a paid sale, only those that are set. */
export function paidExtras(final: SessionState): Partial<PaidDetail> {
  const extras: Partial<PaidDetail> = {};
  if (final.member_id) {
    extras.memberId = final.member_id;
    extras.pointsEarned = final.points_earned ?? 0;
    extras.pointsBalance = final.points_balance ?? 0;
  }
  if (final.reference) extras.reference = final.reference;
  if (final.table) extras.table = final.table;
  if (final.tip_amount) extras.tipAmount = final.tip_amount;
  return extras;
}

/** A table's bill stays open this long (SPEC: a table bill uses up to 2 h). */
export const TABLE_BILL_MS = 30 * 60_000;
const TABLE = /^[A-Za-z0-9_-]{1,16}$/;

export class Scenarios {
  private saved: ScenarioSettings = normalise(undefined);
  private lookupSeq = 0;

  constructor(
    private readonly host: ScenarioHost,
    private readonly overrides: ScenarioOverrides,
  ) {}

  /** The saved settings with this page's overrides, into AppState. */
  async load(): Promise<void> {
    this.saved = normalise(await this.host.terminal.preference<ScenarioSettings>(SCENARIO_PREFERENCE));
    this.host.update({ scenarios: withOverrides(this.saved, this.overrides) });
  }

  classify(text: string): ScanDto {
    const s = this.host.state().scenarios;
    return this.host.core.classifyWith(text, {
      member: s?.memberPattern ?? '',
      lookups: s?.lookups.map((l) => l.pattern) ?? [],
    });
  }

  /** What the sale carries besides its amount. */
  extras(): { memberId?: string; reference?: string } {
    const s = this.host.state();
    return { memberId: s.member, reference: s.lookup?.state === 'open' ? s.lookup.code : undefined };
  }

  /** A member or lookup code was read; true when it was taken here. */
  onScan(scan: ScanDto, hostCallActive: boolean): boolean {
    const s = this.host.state();
    const beforePayment = s.view === 'amount' || s.view === 'scan' || s.view === 'idle';
    if (scan.kind === 'member') {
      if (!beforePayment) return true; // a member card shown during a sale changes nothing
      this.host.update({ member: scan.code, notice: undefined });
      return true;
    }
    if (scan.kind === 'lookup') {
      // A host call brings its own amount; a lookup is for a sale the terminal starts.
      if (!beforePayment || hostCallActive) return true;
      const label: LookupLabel = s.scenarios?.lookups[scan.patternIndex]?.label ?? 'bill';
      void this.lookUp(scan.code, label);
      return true;
    }
    return false;
  }

  private async lookUp(code: string, label: LookupLabel): Promise<void> {
    const seq = ++this.lookupSeq;
    const { update, terminal, core } = this.host;
    const state = this.host.state();
    update({ view: 'lookup', notice: undefined, lookup: { state: 'busy', code, label } });
    this.host.emit('qrpos-lookup', { code });
    let patch: Partial<AppState>;
    try {
      const answer =
        state.scenarios?.lookupSource === 'host' ? await this.askHost(code) : await terminal.lookup(code);
      if (answer.status === 'open' && answer.currency && answer.currency !== state.currency)
        throw new QrposError('config', 'unknown_currency', answer.currency);
      const lookup = { code, label, amount: answer.amount, description: answer.description };
      patch =
        answer.status === 'open' && answer.amount > 0
          ? {
              lookup: { ...lookup, state: 'open' },
              amountText: core.formatAmount(answer.amount, state.currency),
            }
          : { lookup: { ...lookup, state: answer.status === 'paid' ? 'paid' : 'unknown' } };
    } catch (e) {
      patch = { lookup: { state: 'failed', code, label, error: (e as QrposError).code ?? 'other' } };
    }
    if (seq !== this.lookupSeq || this.host.state().view !== 'lookup') return; // the cashier moved on
    if (patch.lookup?.state === 'open') this.host.scanScreen(patch);
    else update(patch);
  }

  private async askHost(
    code: string,
  ): Promise<{ status: string; amount: number; currency?: string; description: string }> {
    const lookup = this.host.hostLookup();
    if (!lookup) throw new QrposError('config', 'lookup_unavailable', "set the element's lookup property");
    const answer = await lookup(code);
    if (!answer) return { status: 'unknown', amount: 0, description: '' };
    if (!Number.isSafeInteger(answer.amount) || answer.amount < 0)
      throw new QrposError('config', 'invalid_amount', 'lookup amount must be minor units');
    return {
      status: answer.paid ? 'paid' : 'open',
      amount: answer.amount,
      currency: answer.currency,
      description: String(answer.description ?? '').slice(0, 128),
    };
  }

  /** Clicks app.ts does not handle itself; true when taken. */
  onClick(action: string): boolean {
    const s = this.host.state();
    switch (action) {
      case 'member-remove':
        this.host.update({ member: undefined });
        return true;
      case 'lookup-retry':
        if (s.lookup) void this.lookUp(s.lookup.code, s.lookup.label);
        return true;
      case 'table-bill':
        this.host.update({ view: 'table-bill', notice: undefined });
        return true;
      case 'settings-back':
        this.host.update({ view: 'settings', notice: undefined, print: undefined });
        return true;
      case 'scenario-settings':
        this.host.update({ view: 'scenario-settings', notice: undefined });
        return true;
      case 'table-codes':
        this.host.update({
          view: 'table-codes',
          notice: undefined,
          print: undefined,
          tableCodes: s.tableCodes ?? { form: DEFAULT_TABLE_FORM, cards: [] },
        });
        return true;
      case 'print-table-codes':
        void this.printTableCodes();
        return true;
    }
    return false;
  }

  /** Forms app.ts does not handle; true when taken. */
  onSubmit(form: string, field: (name: string) => string): boolean {
    switch (form) {
      case 'table-bill':
        void this.openTableBill(field('table'), field('amount'));
        return true;
      case 'scenarios':
        void this.saveSettings(field);
        return true;
      case 'table-codes':
        void this.makeTableCodes({
          tables: field('tables'),
          tipMode: TIP_MODES.find((m) => m === field('tipMode')) ?? 'none',
          tipValue: field('tipValue'),
          style: field('style') === 'emv' ? 'emv' : 'url',
        });
        return true;
    }
    return false;
  }

  private async openTableBill(table: string, amountText: string): Promise<void> {
    const { core, terminal, update } = this.host;
    const s = this.host.state();
    if (!TABLE.test(table)) return update({ notice: 'table.invalid' });
    let minor: number;
    try {
      minor = core.parseAmount(amountText, s.currency);
    } catch (e) {
      return update({ notice: `error.${(e as QrposError).code}` });
    }
    await this.host.startSession(() =>
      terminal.order(minor, s.currency, '', { table, expiresInMs: TABLE_BILL_MS, memberId: s.member }),
    );
  }

  private async saveSettings(field: (name: string) => string): Promise<void> {
    const { core, terminal, update } = this.host;
    const lookups = [];
    for (let i = 0; i < MAX_LOOKUPS; i++) {
      const pattern = field(`lookup${i}`);
      if (pattern) lookups.push({ pattern, label: field(`label${i}`) as LookupLabel });
    }
    const next = normalise({
      memberPattern: field('member'),
      lookups,
      lookupSource: field('source') === 'host' ? 'host' : 'acquirer',
    });
    const bad = [next.memberPattern, ...next.lookups.map((l) => l.pattern)].find(
      (p) => p && (p.length > 64 || core.checkPattern(p) !== ''),
    );
    if (bad !== undefined) return update({ notice: 'scenarios.invalid' });
    await terminal.setPreference(SCENARIO_PREFERENCE, next);
    this.saved = next;
    update({ scenarios: withOverrides(next, this.overrides), notice: 'scenarios.saved' });
  }

  private async makeTableCodes(form: TableCodeForm): Promise<void> {
    const { update, terminal } = this.host;
    const tables = parseTables(form.tables);
    const tip = tipFields(form);
    if (!tables) return update({ tableCodes: { form, cards: [] }, notice: 'table_codes.invalid' });
    if (!tip) return update({ tableCodes: { form, cards: [] }, notice: 'table_codes.invalid_tip' });
    const p = terminal.profile!;
    const origin = p.acquirerUrl || location.origin;
    try {
      const tools = form.style === 'emv' ? await loadTools() : undefined;
      const cards = tables.map((table) => {
        if (!tools) return { table, payload: tableUrl(origin, p.terminalId, table, tip.query) };
        const r = tools.buildMpm(JSON.stringify(tableMpmInput(origin, p, table, tip.mpm)));
        if (!r.ok) throw new QrposError('core', r.error.code, r.error.detail);
        return { table, payload: r.value };
      });
      update({ tableCodes: { form, cards }, notice: undefined, print: undefined });
    } catch (e) {
      update({ tableCodes: { form, cards: [] }, notice: `error.${(e as QrposError).code ?? 'other'}` });
    }
  }

  private async printTableCodes(): Promise<void> {
    const s = this.host.state();
    if (!s.tableCodes?.cards.length || !this.host.printing) return;
    this.host.update({ print: { state: 'busy' } });
    const { form } = s.tableCodes;
    const tipText =
      form.tipMode === 'none' ? '' : t(`table_codes.tip_${form.tipMode}`, s.locale, { v: form.tipValue });
    this.host.printed(await this.host.printing.printTableCards(s.tableCodes.cards, tipText, s.locale));
  }
}
