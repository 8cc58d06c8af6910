// What the UI shows: the app's own view plus, during a sale, the core's session state.
import type { CameraInfo } from '../sdk/camera';
import type { PrinterInfo } from '../sdk/printer';
import type { PrintSettings } from '../sdk/receipts';
import type { SessionState } from '../sdk/session-state';
import type { TerminalProfile } from '../sdk/terminal';
import type { TerminalMode } from './api';
import type { Locale } from './i18n';
import type { LookupLabel, ScenarioSettings } from './scenarios/settings';
import type { TableCodeForm, TableCard } from './scenarios/table-codes';

export type View =
  | 'loading'
  | 'error'
  | 'activate'
  | 'amount'
  | 'idle' // embedded: waiting for the host page's pay()
  | 'scan'
  | 'session' // a sale, order or refund run by the core: session.screen says which
  | 'pin'
  | 'refund'
  | 'today'
  | 'settings'
  // merchant scenarios (scenarios/, screens-scenarios.ts)
  | 'lookup' // a ticket/room/bill code being priced, or why it cannot be paid
  | 'table-bill' // the cashier opens a table's bill
  | 'scenario-settings' // admin: member and lookup patterns
  | 'table-codes'; // admin: the codes on the tables

export interface AppState {
  view: View;
  mode: TerminalMode;
  locale: Locale;
  currency: string;
  /** what the cashier typed on the keypad */
  amountText: string;
  /** an i18n key or error code shown on the current screen */
  notice?: string;
  profile?: TerminalProfile;
  demo?: boolean;
  busy?: boolean;
  session?: SessionState;
  /** the host page's order reference for the current sale */
  orderId?: string;
  /** scan screen: when it gives up (extendable) */
  scanDeadline?: number;
  /** a code was just read: the scan screen confirms it */
  codeRead?: boolean;
  cameras?: CameraInfo[];
  cameraId?: string;
  torch?: { supported: boolean; on: boolean };
  pinFor?: 'refund' | 'settings';
  /** a receipt scanned before the PIN was entered: refund that sale next */
  pendingReceipt?: { outTradeNo: string; terminalId: string };
  refund?: { sale: SessionState; refundable: number };
  history?: SessionState[];
  /** the paired USB printer, if any; undefined prints through the browser's dialog */
  printer?: PrinterInfo;
  /** false where the browser has no WebUSB (Firefox, Safari, iPad, Android WebView) */
  usbSupported?: boolean;
  printSettings?: PrintSettings;
  /** today's reconciliation with the acquirer's daily report */
  reconcile?: {
    state: 'busy' | 'done' | 'failed';
    date?: string;
    differences?: { scheme: string; field: string; terminal: number; acquirer: number }[];
    error?: string;
  };
  /** the last print on this screen */
  print?: { state: 'busy' | 'done' | 'failed'; message?: string };
  /** whether the acquirer answers (sdk/reachability.ts); undefined until known */
  acquirer?: 'reachable' | 'unreachable';
  /** the app version this kiosk was just updated to, shown small until the next sale */
  shellVersion?: string;
  /** terminal minus acquirer clock, ms, when a heartbeat found it past ±2 min (clock-banner.ts) */
  clockSkewMs?: number;
  /** member and lookup patterns in force (saved settings with this page's overrides) */
  scenarios?: ScenarioSettings;
  /** the member id scanned for the coming sale, in full (shown masked) */
  member?: string;
  /** a scanned ticket/room/bill code and what the lookup said */
  lookup?: {
    state: 'busy' | 'open' | 'paid' | 'unknown' | 'failed';
    code: string;
    label: LookupLabel;
    amount?: number;
    description?: string;
    /** failed: the error code */
    error?: string;
  };
  /** pay({ method: 'any' }): the order QR is up and the camera and gun take a code too */
  selfService?: boolean;
  /** the table codes screen: what was asked and the codes made */
  tableCodes?: { form: TableCodeForm; cards: TableCard[] };
}
