import type { ContentKind } from '@baton/handoff-protocol';
import type { Translate } from '../../i18n';

export function kindLabel(t: Translate, kind: ContentKind): string {
  switch (kind) {
    case 'canned':
      return t('kindCanned');
    case 'script':
      return t('kindScript');
    case 'article':
      return t('kindArticle');
    case 'macro':
      return t('kindMacro');
    default: {
      const never: never = kind;
      return never;
    }
  }
}
