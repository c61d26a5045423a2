import { type SQL, sql } from 'drizzle-orm';
import type { SubscriptionTerm } from '../core/subscriptions/term.js';
import { papers } from '../db/schema.js';

/**
 * The SQL test for one subscription term. Words and phrases use the search document's tokenisation and
 * stemming, limited to title (A), AI keywords (B) and abstract (D): author names (C) are matched only by
 * `author:` terms. The plain `@@` lets Postgres use the GIN index before the field filter runs.
 */
export function termCondition(term: SubscriptionTerm): SQL {
  switch (term.kind) {
    case 'word':
    case 'exclude':
    case 'phrase': {
      const query = term.kind === 'word' ? term.value : `"${term.value.replaceAll('"', ' ')}"`;
      const tsquery = sql`websearch_to_tsquery('english', ${query})`;
      return sql`(${papers.search} @@ ${tsquery} and ts_filter(${papers.search}, '{a,b,d}') @@ ${tsquery})`;
    }
    case 'author':
      return sql`exists (select 1 from jsonb_array_elements_text(${papers.authors}) as author(name) where lower(author.name) = lower(${term.value}))`;
    case 'category':
      return sql`${term.value} = any(${papers.categories})`;
  }
}
