// Self-service (pay({ method: 'any' })): the order QR is up and the camera and gun
// take the customer's own code too. Paying both ways would charge twice, so a code
// read first closes the order through the core's cancel, and the code is used only
// when the order ended unpaid. An order the customer paid meanwhile wins.
import type { SessionRun } from '../../sdk/runner';

/** Closes `run`'s order; true when it ended unpaid (the code may pay), false when it was paid or failed. */
export async function switchToCode(run: SessionRun): Promise<boolean> {
  try {
    await run.cancel();
    const final = await run.done;
    return final.outcome !== 'paid';
  } catch {
    // The journal failed: the order's fate is unknown here, so the code must not pay.
    return false;
  }
}
