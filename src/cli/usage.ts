export const USAGE = `Usage: paperboy [command] [options]

Commands:
  (none) | start          run the bot (console adapter when no chat credentials are set)
  ingest                  fetch papers from the sources into the store
      [--source hf|arxiv|all] [--date YYYY-MM-DD] [--days N] [--category cs.LG ...] [--cross]
  import <file>           import a saved HF daily_papers JSON array or an arXiv Atom/RSS file
  search <query...>       search stored papers
      [--limit N] [--since 7d|2w|YYYY-MM-DD] [--sort relevance|upvotes|date] [--source hf|arxiv] [--json]
  digest                  print the digest a channel would get (nothing is posted)
      [--channel console:local] [--date YYYY-MM-DD] [--json]
  preview                 the digest a channel gets next, each paper with why it is there (nothing is posted)
      [--channel console:local]
  why <paper-id>          whether a paper was or will be delivered to a channel, and why (not)
      [--channel console:local]
  feedback <paper-id> relevant|not-relevant|save|unsave
                          one person's feedback on a paper in a channel, as a click in chat records it
      [--channel console:local] [--user cli]
  saved                   a channel's reading list, most recently saved first
      [--channel console:local] [--format text|bibtex|csv|json] [--since 7d|2w|YYYY-MM-DD] [--by USER]
  status                  channels, next digests, last deliveries, failed and dead deliveries
  retry <delivery-id>     re-queue a dead delivery
  discord register [--guild ID]
                          register the Discord slash commands (globally, or in one guild at once)
  migrate                 apply database migrations and exit
  help                    show this help

Options:
  -h, --help              show this help
  -v, --version           print the version

Examples:
  paperboy ingest --source hf --date 2026-06-12
  paperboy ingest --source arxiv --category cs.LG --category cs.CL --days 3
  paperboy search "diffusion transformer" -survey --since 30d --limit 5
  paperboy feedback --channel slack:T0123:C0456 2606.93392 save
  paperboy saved --channel slack:T0123:C0456 --format bibtex > reading-list.bib
  paperboy why --channel slack:T0123:C0456 https://arxiv.org/abs/2606.93392
`;

/** A mistake in how paperboy was called; exits 2 with one line and the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}
