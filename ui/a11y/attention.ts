// What needs attention in the a11y check's made-up connections, and snoozes
// kept for as long as the page lives.
import type { AttentionItem, AttentionSummary, SnoozedItem } from "../src/lib/bindings";

const DAY = 86_400_000;

function item(
  kind: AttentionItem["kind"],
  severity: AttentionItem["severity"],
  connectionId: string,
  connectionName: string,
  key: [string, string | null] | null,
  why: string,
  actions: AttentionItem["actions"],
  now: number,
): AttentionItem {
  return {
    id: `${kind}:${connectionId}:${key?.[0] ?? "-"}`,
    kind,
    severity,
    connectionId,
    connectionName,
    keyId: key?.[0] ?? null,
    keyName: key?.[1] ?? null,
    rotationId: null,
    why,
    deadline: null,
    actions,
    asOf: new Date(now - 2 * 3_600_000).toISOString(),
  };
}

export function attentionMock(now: number) {
  const all = [
    item("expiring", "critical", "sandbox-verifa", "Sandbox — Verifa", ["key_01J9Z8K3QW", "Payroll worker"],
      "It expires in 3 days (7 Dec 2026).", ["rotate", "revoke", "snooze"], now),
    item("atKeyLimit", "warning", "sandbox-veryfi", "Sandbox — Veryfi partner", null,
      "The account holds 2 of its 2 keys: a new key needs one revoked, or a rotation.", ["rotate", "snooze"], now),
    item("stale", "warning", "sandbox-api-keys", "Sandbox — API keys (/v1/api-keys)", ["ak_51e0aa3c62", "Old importer"],
      "Not used for 212 days.", ["revoke", "snooze"], now),
    item("neverUsed", "info", "sandbox-kayle", "Sandbox — Kayle ID", ["kk_3b8e6f10", null],
      "Never used since it was created 40 days ago.", ["revoke", "snooze"], now),
  ];
  const snoozed = new Map<string, SnoozedItem>();

  function summary(): AttentionSummary {
    const items = all.filter((i) => !snoozed.has(i.id));
    const counts = new Map<string, AttentionSummary["connections"][number]>();
    for (const i of all) {
      const c = counts.get(i.connectionId) ?? { connectionId: i.connectionId, critical: 0, warning: 0, info: 0, snoozed: 0, more: 0 };
      if (snoozed.has(i.id)) c.snoozed++;
      else c[i.severity]++;
      counts.set(i.connectionId, c);
    }
    return { items, snoozed: [...snoozed.values()], connections: [...counts.values()] };
  }

  return {
    attention: () => summary(),
    snooze_item: (p: { itemId: string; until: string; reason: string }) => {
      const found = all.find((i) => i.id === p.itemId);
      if (found) {
        snoozed.set(found.id, {
          item: found,
          snooze: { itemId: found.id, until: p.until, reason: p.reason, snoozedAt: new Date(now).toISOString() },
        });
      }
      return summary();
    },
    unsnooze_item: (p: { itemId: string }) => {
      snoozed.delete(p.itemId);
      return summary();
    },
    /** One item snoozed from the start, for the view of the snoozed list. */
    snoozeOne: () => {
      const first = all[2];
      snoozed.set(first.id, {
        item: first,
        snooze: { itemId: first.id, until: new Date(now + 7 * DAY).toISOString(), reason: "Importer retires this month", snoozedAt: new Date(now).toISOString() },
      });
    },
  };
}
