// Kiosk entry: load the core and the terminal's set-up, then hand the page to App.
import { loadCore, type Core } from './sdk/core';
import { Terminal, type TerminalConfig } from './sdk/terminal';
import { App } from './ui/app';
import './ui/styles.css';

interface DemoTerminal {
  terminal_id: string;
  seed: string;
  acquirer_public_key: string;
  merchant_name: string;
  currency: string;
}

// Sandbox demo set-up; activation with a one-time code replaces this in issue 5.
async function loadConfig(): Promise<TerminalConfig | undefined> {
  try {
    const res = await fetch('./demo/terminal.json', { cache: 'no-store' });
    if (!res.ok) return undefined;
    const d = (await res.json()) as DemoTerminal;
    return {
      terminalId: d.terminal_id,
      seedHex: d.seed,
      acquirerPublicKeyHex: d.acquirer_public_key,
      merchantName: d.merchant_name,
      currency: d.currency,
      acquirerUrl: '',
    };
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  const video = document.getElementById('preview') as HTMLVideoElement;
  const [core, config] = await Promise.all([
    loadCore().catch((): Core | undefined => undefined),
    loadConfig(),
  ]);
  const terminal = core && config ? new Terminal(core, config) : undefined;
  new App(root, video, core, terminal);
  document.body.dataset.ready = 'true';
}

void main();
