// docs/kiosk.md tells a technician to copy the files in deploy/ onto a kiosk. Chromium
// ignores a policy it cannot read, udev skips a rule it cannot parse and systemd a key
// it does not know, each with no more than a log line nobody reads on a kiosk; so the
// files are parsed here, checked against each other and against the guide.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (rel) => fs.readFileSync(path.join(root, rel), 'utf8');
const GUIDE = 'docs/kiosk.md';
const POLICY = 'deploy/linux/chromium-policy.json';
const RULES = 'deploy/linux/60-qrpos-printer.rules';
const BLACKLIST = 'deploy/linux/blacklist-usblp.conf';
const UNIT = 'deploy/linux/qrpos-kiosk.service';
const START = 'deploy/linux/qrpos-kiosk-start.sh';
const ORIGIN = 'https://pos.example.com'; // the placeholder the guide says to replace
const guide = read(GUIDE);

// Chip makers whose vendor IDs cheap printers reuse (web/src/sdk/printer.ts says why):
// granting one whole would hand the kiosk any gadget built on the same chip.
const CHIP_MAKERS = [0x0416, 0x0483, 0x1fc9, 0x0fe6];

const isId = (v) => Number.isInteger(v) && v >= 0 && v <= 0xffff;
const hex4 = (n) => n.toString(16).padStart(4, '0');
const deviceKey = (vid, pid) => (pid === undefined ? hex4(vid) : `${hex4(vid)}:${hex4(pid)}`);

/** The vendor IDs qrpos's pairing chooser looks for, read from the source. */
function escPosVendors() {
  const src = read('web/src/sdk/printer.ts');
  const list = src.match(/const ESC_POS_VENDORS = \[([\s\S]*?)\];/);
  assert.ok(list, 'ESC_POS_VENDORS not found in web/src/sdk/printer.ts');
  return [...list[1].matchAll(/0x[0-9a-fA-F]{4}/g)].map((m) => Number(m[0]));
}

// ---- policy ---------------------------------------------------------------------------

const stringList = (name, value) => {
  assert.ok(Array.isArray(value) && value.length > 0, `${name} must be a non-empty list`);
  for (const v of value) assert.equal(typeof v, 'string', `${name} holds a non-string: ${v}`);
};

// Every policy the file may set, with its shape. A misspelt name is silently ignored by
// Chromium (chrome://policy lists it as unknown), so unknown names fail here.
const POLICY_SHAPES = {
  WebUsbAllowDevicesForUrls(value) {
    assert.ok(Array.isArray(value) && value.length > 0, 'a non-empty list');
    for (const entry of value) {
      assert.deepEqual(Object.keys(entry).sort(), ['devices', 'urls'], 'entries are {devices, urls}');
      assert.ok(Array.isArray(entry.devices) && entry.devices.length > 0, 'devices is a non-empty list');
      for (const d of entry.devices) {
        for (const k of Object.keys(d))
          assert.ok(['vendor_id', 'product_id'].includes(k), `unknown key ${k}`);
        // A product_id without vendor_id invalidates the whole policy.
        assert.ok(isId(d.vendor_id), `vendor_id ${d.vendor_id} must be an integer 0..65535`);
        if ('product_id' in d) assert.ok(isId(d.product_id), `product_id ${d.product_id} must be 0..65535`);
      }
      stringList('urls', entry.urls);
      // Two URLs is the deprecated requesting,embedding form; one top-level origin is what we mean.
      assert.equal(entry.urls.length, 1, 'one URL per entry');
      for (const u of entry.urls) assert.equal(new URL(u).origin, u, `${u} must be a bare origin`);
    }
  },
  VideoCaptureAllowedUrls(value) {
    stringList('VideoCaptureAllowedUrls', value);
    // Chromium rejects "*" for this policy: the camera would then prompt after all.
    for (const v of value)
      assert.ok(!v.includes('*'), `VideoCaptureAllowedUrls may not use a wildcard: ${v}`);
  },
  URLAllowlist: (value) => stringList('URLAllowlist', value),
  URLBlocklist: (value) => stringList('URLBlocklist', value),
  TranslateEnabled: (value) => assert.equal(typeof value, 'boolean'),
};

// Parsed inside the tests, so a broken file fails its own tests, not the whole file.
const readPolicy = () => JSON.parse(read(POLICY));
const policyDevices = () => readPolicy().WebUsbAllowDevicesForUrls.flatMap((e) => e.devices);

test('the Chromium policy parses and every policy in it has the right shape', () => {
  const policy = readPolicy();
  for (const [name, value] of Object.entries(policy)) {
    assert.ok(name in POLICY_SHAPES, `unknown policy name ${name}`);
    POLICY_SHAPES[name](value);
  }
  for (const name of [
    'WebUsbAllowDevicesForUrls',
    'VideoCaptureAllowedUrls',
    'URLAllowlist',
    'URLBlocklist',
  ]) {
    assert.ok(name in policy, `${name} is missing`);
  }
});

test('the policy names one origin, the placeholder the guide tells to replace', () => {
  const policy = readPolicy();
  const origins = [
    ...policy.WebUsbAllowDevicesForUrls.flatMap((e) => e.urls),
    ...policy.VideoCaptureAllowedUrls,
    ...policy.URLAllowlist,
  ];
  assert.deepEqual([...new Set(origins)], [ORIGIN]);
  assert.deepEqual(policy.URLBlocklist, ['*']);
  assert.ok(guide.includes(`s#${ORIGIN}#`), 'the guide has the sed line that replaces the origin');
});

test('the policy grants the printers qrpos pairs with, chip makers only by product', () => {
  const vendors = escPosVendors();
  const devices = policyDevices();
  const granted = new Set(devices.map((d) => d.vendor_id));
  for (const v of vendors)
    assert.ok(granted.has(v), `printer.ts looks for ${hex4(v)}, the policy grants none`);
  for (const d of devices) {
    assert.ok(
      vendors.includes(d.vendor_id),
      `${hex4(d.vendor_id)} is granted but printer.ts does not list it`,
    );
    if (CHIP_MAKERS.includes(d.vendor_id)) {
      assert.ok('product_id' in d, `chip maker ${hex4(d.vendor_id)} must be granted by product, not whole`);
    }
  }
  const keys = devices.map((d) => deviceKey(d.vendor_id, d.product_id));
  assert.equal(new Set(keys).size, keys.length, 'a device is listed twice');
});

// ---- udev -----------------------------------------------------------------------------

const MATCH_KEYS = new Set(
  `ACTION SUBSYSTEM SUBSYSTEMS KERNEL KERNELS DRIVER DRIVERS DEVPATH
   ATTR ATTRS ENV TAG TAGS TEST PROGRAM RESULT`.split(/\s+/),
);
const ASSIGN_KEYS = new Set(
  `GROUP OWNER MODE TAG ENV ATTR RUN SYMLINK NAME OPTIONS IMPORT LABEL GOTO`.split(/\s+/),
);

/** One udev rule line as [{key, attr, op, value}], or throws saying what is wrong. */
function parseUdevRule(line) {
  const pairs = [];
  const re = /\s*([A-Z]+)(?:\{([^}]*)\})?(==|!=|\+=|-=|:=|=)"((?:[^"\\]|\\.)*)"\s*(,|$)/y;
  let at = 0;
  while (at < line.length) {
    re.lastIndex = at;
    const m = re.exec(line);
    if (!m) throw new Error(`cannot parse from column ${at + 1}: ${line.slice(at)}`);
    pairs.push({ key: m[1], attr: m[2], op: m[3], value: m[4] });
    at = re.lastIndex;
    if (m[5] === '' && at < line.length) throw new Error(`trailing text: ${line.slice(at)}`);
  }
  return pairs;
}

/** The rule lines of the udev file, parsed, with their line numbers. */
function readRules() {
  return read(RULES)
    .split('\n')
    .map((l, i) => ({ line: l.trim(), no: i + 1 }))
    .filter(({ line }) => line && !line.startsWith('#'))
    .map(({ line, no }) => {
      try {
        return { no, pairs: parseUdevRule(line) };
      } catch (e) {
        throw new Error(`${RULES}:${no}: ${e.message}`);
      }
    });
}

test('every udev rule parses into known match keys and assignments', () => {
  const rules = readRules();
  assert.ok(rules.length > 0);
  for (const { no, pairs } of rules) {
    const where = `${RULES}:${no}`;
    const matches = pairs.filter((p) => p.op === '==' || p.op === '!=');
    const assigns = pairs.filter((p) => p.op !== '==' && p.op !== '!=');
    assert.ok(matches.length > 0, `${where} matches nothing, so it applies to every device`);
    assert.ok(assigns.length > 0, `${where} assigns nothing`);
    for (const p of matches) assert.ok(MATCH_KEYS.has(p.key), `${where}: ${p.key} cannot be matched`);
    for (const p of assigns) assert.ok(ASSIGN_KEYS.has(p.key), `${where}: ${p.key} cannot be assigned`);
    for (const p of pairs) {
      if (['ATTR', 'ATTRS', 'ENV'].includes(p.key)) assert.ok(p.attr, `${where}: ${p.key} needs {name}`);
      // sysfs writes IDs as 4 lowercase hex digits, and udev compares strings.
      if (p.attr === 'idVendor' || p.attr === 'idProduct') {
        assert.match(p.value, /^[0-9a-f]{4}$/, `${where}: ${p.attr} "${p.value}"`);
      }
      if (p.key === 'MODE') assert.match(p.value, /^0[0-7]{3}$/, `${where}: MODE "${p.value}"`);
      if (p.key === 'GROUP')
        assert.equal(p.value, 'plugdev', `${where}: the guide adds the kiosk user to plugdev`);
    }
  }
});

test('udev opens the same devices the policy grants, and unbinds usblp', () => {
  const rules = readRules();
  const attr = (pairs, name) => pairs.find((p) => p.attr === name && p.op === '==')?.value;
  const opened = rules
    .filter(({ pairs }) => pairs.some((p) => p.key === 'MODE') && attr(pairs, 'idVendor'))
    .map(({ pairs }) => [attr(pairs, 'idVendor'), attr(pairs, 'idProduct')].filter(Boolean).join(':'));
  const granted = policyDevices().map((d) => deviceKey(d.vendor_id, d.product_id));
  assert.deepEqual([...opened].sort(), [...granted].sort());

  const byClass = rules.some(({ pairs }) =>
    pairs.some((p) => p.key === 'ENV' && p.attr === 'ID_USB_INTERFACES' && p.value.includes(':0701')),
  );
  assert.ok(byClass, 'no rule opens printer-class devices');
  const unbind = rules.find(({ pairs }) => pairs.some((p) => p.key === 'DRIVER' && p.value === 'usblp'));
  assert.ok(unbind, 'no rule unbinds usblp');
  assert.equal(
    unbind.pairs.find((p) => p.key === 'ACTION')?.value,
    'bind',
    'usblp is bound after "add", so match "bind"',
  );
  assert.match(
    unbind.pairs.find((p) => p.key === 'RUN')?.value ?? '',
    /\/sys\/bus\/usb\/drivers\/usblp\/unbind/,
  );
});

test('the modprobe file blacklists usblp and nothing else', () => {
  const lines = read(BLACKLIST)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  assert.deepEqual(lines, ['blacklist usblp']);
});

// ---- systemd unit and start script ------------------------------------------------------

/** A systemd unit as {section: {key: [values]}}, with backslash continuations joined. */
function parseUnit(text) {
  const sections = {};
  let current;
  const joined = text.replace(/\\\n/g, ' ');
  for (const [i, raw] of joined.split('\n').entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const head = line.match(/^\[([A-Za-z]+)\]$/);
    if (head) {
      current = sections[head[1]] = {};
      continue;
    }
    const kv = line.match(/^([A-Za-z]+)=(.*)$/);
    assert.ok(kv && current, `unit line ${i + 1} is neither [Section] nor Key=value: ${line}`);
    (current[kv[1]] ??= []).push(kv[2].trim());
  }
  return sections;
}

/** The unit, its ExecStart words, where chromium is in them, and the flags it gets. */
function readUnit() {
  const unit = parseUnit(read(UNIT));
  const execStart = unit.Service?.ExecStart?.[0]?.split(/\s+/) ?? [];
  const chromiumAt = execStart.findIndex((w) => /\/chromium$/.test(w));
  const unitFlags = chromiumAt < 0 ? [] : execStart.slice(chromiumAt + 1).filter((w) => w.startsWith('--'));
  return { unit, execStart, chromiumAt, unitFlags };
}

test('the unit has [Unit], [Service] and [Install], restarts always and runs chromium --kiosk', () => {
  const { unit, execStart, chromiumAt, unitFlags } = readUnit();
  assert.deepEqual(Object.keys(unit).sort(), ['Install', 'Service', 'Unit']);
  assert.deepEqual(unit.Service.Restart, ['always']);
  assert.equal(unit.Service.ExecStart.length, 1);
  assert.ok(chromiumAt > 0, 'ExecStart does not run chromium');
  assert.ok(unitFlags.includes('--kiosk'), 'chromium runs without --kiosk');
  assert.equal(execStart.at(-1), '${QRPOS_URL}', 'the URL comes from Environment=QRPOS_URL');
  assert.ok(
    unit.Service.Environment.includes(`QRPOS_URL=${ORIGIN}/`),
    'QRPOS_URL defaults to the placeholder origin',
  );
  assert.ok(unit.Install.WantedBy.length > 0);
});

test('the start script clears the crash flag of the profile Chromium uses', () => {
  const { unit, unitFlags } = readUnit();
  const [script, profile] = unit.Service.ExecStartPre[0].split(/\s+/);
  assert.equal(path.basename(script), path.basename(START));
  assert.ok(guide.includes(script), `the guide installs the script at ${script}`);
  assert.ok(
    unitFlags.includes(`--user-data-dir=${profile}`),
    'ExecStartPre and --user-data-dir name different profiles',
  );
});

test('the start script passes bash -n', () => {
  execFileSync('bash', ['-n', path.join(root, START)]);
});

test('the start script marks a crashed profile as cleanly exited, and leaves valid JSON', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrpos-kiosk-'));
  try {
    const prefs = path.join(dir, 'Default', 'Preferences');
    fs.mkdirSync(path.dirname(prefs));
    // Compact, as Chromium writes it (Chromium 156 writes exit_type only; older ones both).
    fs.writeFileSync(
      prefs,
      '{"browser":{"x":1},"profile":{"exit_type":"Crashed","exited_cleanly":false,"name":"P"}}',
    );
    execFileSync('bash', [path.join(root, START), dir]);
    const after = JSON.parse(fs.readFileSync(prefs, 'utf8'));
    assert.deepEqual(after.profile, { exit_type: 'Normal', exited_cleanly: true, name: 'P' });

    // First start: no profile yet is not an error, or the kiosk would never come up.
    execFileSync('bash', [path.join(root, START), path.join(dir, 'none')]);
    assert.notEqual(spawnSync('bash', [path.join(root, START)]).status, 0, 'no argument must fail');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('systemd-analyze verify finds nothing wrong with the unit', (t) => {
  const which = spawnSync('sh', ['-c', 'command -v systemd-analyze']);
  if (which.status !== 0) {
    t.skip('systemd-analyze is not installed here; the unit was only parsed');
    return;
  }
  const run = spawnSync('systemd-analyze', ['verify', '--man=no', path.join(root, UNIT)], {
    encoding: 'utf8',
  });
  // cage and the installed start script exist on a kiosk, not on a build machine.
  const problems = `${run.stdout}${run.stderr}`
    .split('\n')
    .filter(Boolean)
    .filter((line) => {
      const missing = line.match(/Command (\S+) is not executable: No such file or directory/);
      if (missing && !fs.existsSync(missing[1])) {
        t.diagnostic(`not installed here: ${missing[1]}`);
        return false;
      }
      return true;
    });
  assert.deepEqual(problems, []);
});

// ---- the guide --------------------------------------------------------------------------

/** GitHub's anchor for a heading. */
const slug = (heading) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');

test('every link in the guide resolves, and every deploy/ file is linked', () => {
  const anchors = new Set([...guide.matchAll(/^#+\s+(.*)$/gm)].map((m) => slug(m[1])));
  const linked = new Set();
  for (const [, target] of guide.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/.test(target)) continue;
    const [file, anchor] = target.split('#');
    if (file) {
      const abs = path.resolve(root, 'docs', file);
      assert.ok(fs.existsSync(abs), `${GUIDE} links to ${target}, which does not exist`);
      linked.add(path.relative(root, abs));
    } else {
      assert.ok(anchors.has(anchor), `${GUIDE} links to #${anchor}, which is no heading`);
    }
  }
  const deploy = fs
    .readdirSync(path.join(root, 'deploy'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath ?? e.path, e.name)));
  for (const file of deploy) assert.ok(linked.has(file), `${file} is not linked from ${GUIDE}`);
});

test("the guide's flag table lists exactly the flags the unit passes to Chromium", () => {
  const section = guide.split(/^#+ Chromium flags$/m)[1]?.split(/^#/m)[0];
  assert.ok(section, 'no "Chromium flags" section');
  const documented = [...section.matchAll(/^\| `(--[^`]+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual([...documented].sort(), [...readUnit().unitFlags].sort());
});

test('the guide explains every printer message the cashier can see', () => {
  const src = read('web/src/sdk/printer-status.ts');
  const block = src.slice(src.indexOf('export const PRINTER_MESSAGES'));
  const problems = [...block.matchAll(/^ {2}[a-z_]+: \{$/gm)].length;
  const english = [...block.matchAll(/^\s+en:\s*(['"])(.*)\1,$/gm)].map((m) => m[2]);
  assert.ok(problems > 0, 'PRINTER_MESSAGES not found');
  // One English text per problem, each on one line, or some would go unchecked.
  assert.equal(english.length, problems, 'could not read every English message');
  for (const message of english) {
    const first = message.match(/^.*?\.(?=\s|$)/)[0];
    assert.ok(guide.includes(first), `docs/kiosk.md does not mention "${first}"`);
  }
});
