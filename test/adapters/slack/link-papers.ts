import type { PaperInput } from '../../../src/core/paper.js';
import type { InventedArxivPaper } from '../../helpers/fake-arxiv-ids.js';
import type { FakeHandler, RecordedRequest } from '../../helpers/fake-upstream.js';

/** Invented papers the store holds before any link is shared, one per link form the tests share. */
export const STORED: PaperInput[] = [
  {
    id: '2612.00101',
    title: 'Quillwork: Sparse Adapters for Tiny Language Models',
    source: 'hf',
    authors: ['Ada Quill', 'Brin Okafor', 'Chen Liu', 'Dara Voss'],
    abstract: 'We study sparse adapters. They are small and fast.',
    aiSummary: 'Sparse adapters make tiny models better at almost no cost.',
    upvotes: 42,
    dailyDate: '2026-12-01',
    githubRepo: 'quill/quillwork',
    githubStars: 321,
  },
  ...[
    ['2612.00102', 'Lanterns: Retrieval for Long Documents'],
    ['2612.00103', 'Tidepool: Streaming Speech Recognition'],
    ['2612.00104', 'Kestrel: Planning with Small World Models'],
    ['2612.00105', 'Marrow: Protein Folding at Scale'],
    ['2612.00106', 'Saffron: Multilingual Instruction Tuning'],
    ['2612.00107', 'Pebble: Compressing Vision Transformers'],
    ['2612.00108', 'Thistle: Robust Reward Models'],
    ['2612.00109', 'Cobalt: Graph Networks for Chemistry'],
    ['2612.00110', 'Juniper: Fast Diffusion Sampling'],
    ['hep-th/9901001', 'Strings on Invented Manifolds'],
    ['2612.00111', 'Harbor: Reading Lists for Teams'],
    ['2612.00112', 'Quarry: Mining Shared Links'],
  ].map(
    ([id, title]): PaperInput => ({
      id: id ?? '',
      title: title ?? '',
      source: 'arxiv',
      authors: ['Ada Quill'],
      abstract: `${title} is studied here. It works.`,
      publishedAt: new Date('2026-11-30T17:00:00Z'),
    }),
  ),
];

/** The link forms Slack may send, each to a stored paper: the URL exactly as written, and the paper it names. */
export const LINK_FORMS: { form: string; url: string; id: string }[] = [
  { form: 'arxiv.org/abs/<id>', url: 'https://arxiv.org/abs/2612.00101', id: '2612.00101' },
  { form: 'arxiv.org/abs/<id>v2', url: 'https://arxiv.org/abs/2612.00102v2', id: '2612.00102' },
  { form: 'arxiv.org/pdf/<id>', url: 'https://arxiv.org/pdf/2612.00103', id: '2612.00103' },
  { form: 'arxiv.org/pdf/<id>v1.pdf', url: 'https://arxiv.org/pdf/2612.00104v1.pdf', id: '2612.00104' },
  { form: 'arxiv.org/html/<id>v1', url: 'https://arxiv.org/html/2612.00105v1', id: '2612.00105' },
  { form: 'export.arxiv.org/abs/<id>', url: 'https://export.arxiv.org/abs/2612.00106', id: '2612.00106' },
  {
    form: 'old-style arxiv.org/abs/hep-th/9901001',
    url: 'https://arxiv.org/abs/hep-th/9901001',
    id: 'hep-th/9901001',
  },
  { form: 'huggingface.co/papers/<id>', url: 'https://huggingface.co/papers/2612.00107', id: '2612.00107' },
  { form: 'alphaxiv.org/abs/<id>', url: 'https://alphaxiv.org/abs/2612.00108', id: '2612.00108' },
  { form: 'doi.org/10.48550/arXiv.<id>', url: 'https://doi.org/10.48550/arXiv.2612.00109', id: '2612.00109' },
];

/** Invented papers only the fake arXiv knows: shared links to them need a look-up. */
export const ARXIV_ONLY: InventedArxivPaper[] = [
  { id: '2612.00201', title: 'Meadow: Learning from Shared Links', authors: ['Eve Marsh', 'Finn Ode'] },
  { id: '2612.00202', title: 'Brook: Batched Look-ups for Bots' },
];

/** A handler that records when each request arrived (`Date.now()`), then answers as `handler` does. */
export function timed(handler: FakeHandler): {
  handler: FakeHandler;
  times: number[];
  requests: RecordedRequest[];
} {
  const times: number[] = [];
  const requests: RecordedRequest[] = [];
  return {
    times,
    requests,
    handler: (request) => {
      times.push(Date.now());
      requests.push(request);
      return handler(request);
    },
  };
}

/** The ids an `id_list` request asked for. */
export const idsAsked = (request: RecordedRequest): string[] =>
  (request.query.id_list ?? '').split(',').filter((id) => id !== '');
