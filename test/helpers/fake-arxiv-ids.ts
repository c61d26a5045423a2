import type { FakeHandler } from './fake-upstream.js';

/** An invented paper the fake arXiv knows, for `id_list` look-ups. */
export interface InventedArxivPaper {
  /** Canonical id without version. */
  id: string;
  title: string;
  summary?: string;
  authors?: string[];
  /** ISO instant. */
  published?: string;
  categories?: string[];
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const entry = (paper: InventedArxivPaper): string => {
  const published = paper.published ?? '2026-06-11T17:00:00Z';
  const categories = paper.categories ?? ['cs.LG'];
  return `  <entry>
    <id>http://arxiv.org/abs/${paper.id}v1</id>
    <title>${escapeXml(paper.title)}</title>
    <updated>${published}</updated>
    <link href="https://arxiv.org/abs/${paper.id}v1" rel="alternate" type="text/html"/>
    <link href="https://arxiv.org/pdf/${paper.id}v1" rel="related" type="application/pdf" title="pdf"/>
    <summary>${escapeXml(paper.summary ?? `${paper.title} is studied here. It works well.`)}</summary>
${categories.map((category) => `    <category term="${category}" scheme="http://arxiv.org/schemas/atom"/>`).join('\n')}
    <published>${published}</published>
    <arxiv:primary_category term="${categories[0]}"/>
${(paper.authors ?? ['Ada Quill']).map((name) => `    <author>\n      <name>${escapeXml(name)}</name>\n    </author>`).join('\n')}
  </entry>`;
};

/** An `id_list` answer in the 2026 format, holding the entries given. */
export const idListFeed = (
  papers: readonly InventedArxivPaper[],
  idList: string,
): string => `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
  <id>https://arxiv.org/api/fakeIdList</id>
  <title>arXiv Query: search_query=&amp;id_list=${escapeXml(idList)}&amp;start=0&amp;max_results=${papers.length}</title>
  <updated>2026-06-14T02:30:47Z</updated>
  <opensearch:itemsPerPage>${papers.length}</opensearch:itemsPerPage>
  <opensearch:totalResults>${papers.length}</opensearch:totalResults>
  <opensearch:startIndex>0</opensearch:startIndex>
${papers.map(entry).join('\n')}
</feed>
`;

/**
 * The query API's `id_list` look-up over the papers given, as arXiv answers it: the known ids of the list (a
 * version suffix is accepted), unknown ones left out, at most `max_results`. A request without `id_list` is a 400.
 *
 * @example
 * upstream.route('/api/query', arxivIdLookup([{ id: '2606.00467', title: 'LoRA-Tune' }]));
 */
export const arxivIdLookup =
  (known: readonly InventedArxivPaper[]): FakeHandler =>
  (request) => {
    const idList = request.query.id_list;
    if (!idList) return { status: 400, body: 'id_list is required here' };
    const byId = new Map(known.map((paper) => [paper.id, paper]));
    const max = Number(request.query.max_results ?? '10');
    const found = idList
      .split(',')
      .map((id) => byId.get(id.replace(/v\d+$/, '')))
      .filter((paper): paper is InventedArxivPaper => paper !== undefined)
      .slice(0, max);
    return { headers: { 'content-type': 'application/atom+xml' }, body: idListFeed(found, idList) };
  };
