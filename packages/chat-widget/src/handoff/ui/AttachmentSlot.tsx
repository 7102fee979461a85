import type { AttachmentRef } from '@baton/handoff-protocol';
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { HandoffSession } from '../session';

type Files = typeof import('../attachments/index');
type PartProps = { session: HandoffSession; locale: string; attachment: AttachmentRef };
let files: Promise<Files> | undefined;

/** The patient's files UI, from its own chunk, loaded the first time it is needed. */
export function AttachmentSlot(props: {
  view: 'Attach' | 'View';
  actions: unknown;
  locale: string;
  attachment?: AttachmentRef;
}) {
  const [module, setModule] = useState<Files>();
  useEffect(() => {
    files ??= import('../attachments/index');
    void files.then(setModule);
  }, []);
  const Part = module?.[props.view] as FunctionComponent<PartProps> | undefined;
  return Part ? (
    <Part
      session={props.actions as HandoffSession}
      locale={props.locale}
      attachment={props.attachment as AttachmentRef}
    />
  ) : null;
}
