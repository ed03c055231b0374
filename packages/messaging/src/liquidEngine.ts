import { Liquid, Tag, type FS, type TagToken, type TopLevelToken } from 'liquidjs';
import { SurveyTag } from './surveyTag';

/** The tags that would load another template from the file system; templates have none. */
export const FILE_TAGS = ['include', 'render', 'layout'] as const;

function refuse(what: string): never {
  throw new Error(`templates have no file system (${what})`);
}

// Second line of defence behind the refused tags: should any code path still look a file up, it finds nothing
// and reads nothing. liquidjs otherwise resolves `{% include 'package.json' %}` against the process's directory.
const noFileSystem: FS = {
  exists: () => Promise.resolve(false),
  existsSync: () => false,
  readFile: (file) => Promise.reject(new Error(`templates have no file system (read ${file})`)),
  readFileSync: (file) => refuse(`read ${file}`),
  resolve: (_dir, file) => file,
  contains: () => Promise.resolve(false),
  containsSync: () => false,
  fallback: () => undefined,
};

/** `{% include %}`, `{% render %}` and `{% layout %}` fail to parse, so a template using one is refused when saved. */
class RefusedFileTag extends Tag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid);
    throw new Error(`{% ${token.name} %} is not allowed: templates cannot read files or other templates`);
  }

  *render(): Generator<unknown, void, unknown> {
    // never reached: the constructor throws
  }
}

/**
 * The Liquid every template is parsed and rendered with. Templates are written by marketers, not trusted code:
 * no file system, a capped parse size and allocation, unknown filters fail, prototype members are unreachable.
 * Render time is capped per call (see render.ts) and, harder, by the thread pool that runs renders.
 */
export function createLiquid(): Liquid {
  const liquid = new Liquid({
    fs: noFileSystem,
    root: [],
    partials: [],
    layouts: [],
    relativeReference: false,
    parseLimit: 1_000_000,
    memoryLimit: 10_000_000,
    strictFilters: true,
    ownPropertyOnly: true,
  });
  for (const name of FILE_TAGS) liquid.registerTag(name, RefusedFileTag);
  liquid.registerTag('survey', SurveyTag);
  return liquid;
}
