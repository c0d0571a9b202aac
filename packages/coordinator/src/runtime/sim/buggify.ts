// BUGGIFY-style fault sites (STYLE 16, FoundationDB Buggify.h): a site named in actor code with
// `io.buggify('site')` is activated once per run from the seed (1 in 4), and an active site then
// fires 1 time in 20. Only `sim` activates sites; every site queried and fired is recorded, so a
// swarm can report which rare paths it covered.
import { Prng } from '@wsfc-lab/protocol';

export const siteActivationRatio = [1, 4] as const;
export const siteFireRatio = [1, 20] as const;

export class BuggifyOracle {
  private readonly active = new Map<string, boolean>();
  readonly fired = new Map<string, number>();
  private readonly fire: Prng;

  constructor(private readonly prng: Prng, private readonly enabled: boolean) {
    this.fire = prng.fork('fire');
  }

  query(site: string): boolean {
    if (!this.enabled) return false;
    let active = this.active.get(site);
    if (active === undefined) {
      active = this.prng.fork(`site/${site}`).chance(...siteActivationRatio);
      this.active.set(site, active);
    }
    if (!active || !this.fire.chance(...siteFireRatio)) return false;
    this.fired.set(site, (this.fired.get(site) ?? 0) + 1);
    return true;
  }

  coverage(): { site: string; active: boolean; fired: number }[] {
    return [...this.active.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([site, active]) => ({ site, active, fired: this.fired.get(site) ?? 0 }));
  }
}
