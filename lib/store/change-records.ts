/**
 * What changed since an article was annotated, as the repository keeps it: the article's baseline
 * (block fingerprints and text copy) and the changes last seen against it, what the page says now
 * at an edited passage, and the user's answer to it (accept the new wording, keeping the old quote in
 * the highlight's history, or keep the original). The repository extends this; the rest of its
 * record rules are in ./repository.ts.
 */

import { check, ValidationError } from '../records';
import { Article, Highlight, type Target } from '../schema';
import { SettingsRecords } from './settings-records';

/** How many earlier wordings a highlight keeps. */
const HISTORY_LIMIT = 100;

export class ChangeRecords extends SettingsRecords {
  /**
   * Keeps what the article said when first annotated (its block fingerprints and text copy), once:
   * a baseline already kept is never replaced, so later edits stay visible against it.
   */
  async setBaseline(id: string, baseline: NonNullable<Article['baseline']>): Promise<void> {
    await this.write(() =>
      this.db.transaction('rw', this.db.articles, async () => {
        const article = await this.db.articles.get(id);
        if (!article || article.baseline) return;
        await this.db.articles.put(check(Article, { ...article, baseline }));
      }),
    );
  }

  /**
   * Remembers what changed in the article since its baseline, as last seen (null: nothing), for the
   * library's "Changed since annotated"; written only when it differs from what is stored.
   */
  async recordChanges(id: string, changes: { edited: number; added: number; removed: number } | null): Promise<void> {
    const at = this.now();
    await this.write(() =>
      this.db.transaction('rw', this.db.articles, async () => {
        const article = await this.db.articles.get(id);
        if (!article) return;
        const old = article.lastChanges ?? null;
        const same =
          old === null
            ? changes === null
            : !!changes &&
              old.edited === changes.edited &&
              old.added === changes.added &&
              old.removed === changes.removed;
        if (same) return;
        const lastChanges = changes
          ? { edited: changes.edited, added: changes.added, removed: changes.removed, at }
          : null;
        await this.db.articles.put(check(Article, { ...article, lastChanges }));
      }),
    );
  }

  /**
   * Remembers what the page says at a highlight's passage now (null: the quote again), for exports
   * ("Now reads") and the library; written only when it differs from what is stored.
   */
  async notePageText(id: string, now: string | null): Promise<void> {
    const at = this.now();
    await this.write(() =>
      this.db.transaction('rw', ...this.highlights.tables, async () => {
        const current = await this.highlights.get(id);
        if (!current || (current.pageNow?.text ?? null) === now) return;
        await this.highlights.put(check(Highlight, { ...current, pageNow: now === null ? null : { text: now, at } }));
      }),
    );
  }

  /** How much the articles' text copies take (characters as stored) and on how many articles. */
  async textCopies(): Promise<{ chars: number; articles: number }> {
    return this.run(async () => {
      let chars = 0;
      let articles = 0;
      await this.db.articles.each((a) => {
        if (a.baseline?.copy) {
          chars += a.baseline.copy.length;
          articles++;
        }
      });
      return { chars, articles };
    });
  }

  /** Removes every article's text copy (the block fingerprints stay: changes are still counted). */
  async dropTextCopies(): Promise<number> {
    return this.write(() =>
      this.db.transaction('rw', this.db.articles, async () =>
        this.db.articles
          .filter((a) => !!a.baseline?.copy)
          .modify((a) => {
            if (a.baseline) delete a.baseline.copy;
          }),
      ),
    );
  }

  /**
   * Moves a highlight to new selectors: an orphan re-attached by the user, or the page's new wording
   * accepted. When the quote's text changes, the old quote goes into the highlight's history.
   */
  async reattachHighlight(id: string, selector: Target['selector']): Promise<Highlight> {
    const now = this.now();
    return this.write(() =>
      this.db.transaction('rw', ...this.highlights.tables, async () => {
        const current = await this.highlights.get(id);
        if (!current) throw new ValidationError('This highlight no longer exists.');
        const updatedAt = Math.max(now, current.updatedAt + 1);
        const old = current.target.selector[0];
        const history =
          old.exact === selector[0].exact
            ? current.history
            : [...(current.history ?? []), { quote: old, at: now }].slice(-HISTORY_LIMIT);
        const next = check(Highlight, {
          ...current,
          target: { ...current.target, selector },
          ...(history ? { history } : {}),
          kept: null,
          pageNow: null,
          updatedAt,
        });
        await this.highlights.put(next);
        return next;
      }),
    );
  }

  /** Keeps the original wording against the page's changed text `now` (the highlight stays marked). */
  async keepOriginal(id: string, now: string): Promise<Highlight> {
    const at = this.now();
    return this.write(() =>
      this.db.transaction('rw', ...this.highlights.tables, async () => {
        const current = await this.highlights.get(id);
        if (!current) throw new ValidationError('This highlight no longer exists.');
        const next = check(Highlight, {
          ...current,
          kept: { now, at },
          updatedAt: Math.max(at, current.updatedAt + 1),
        });
        await this.highlights.put(next);
        return next;
      }),
    );
  }
}
