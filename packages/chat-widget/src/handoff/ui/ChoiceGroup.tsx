import type { ComponentChildren } from 'preact';

/**
 * A labelled set of choices: radio buttons as a `radiogroup` (announced as one, arrow keys
 * move within it natively), checkboxes as a `fieldset` with its `legend`.
 */
export function ChoiceGroup(props: {
  class: string;
  radio: boolean;
  label: string;
  labelId: string;
  attributes?: Record<string, unknown>;
  children: ComponentChildren;
}) {
  if (!props.radio) {
    return (
      <fieldset class={props.class} {...props.attributes}>
        <legend>{props.label}</legend>
        {props.children}
      </fieldset>
    );
  }
  return (
    <div
      class={props.class}
      role="radiogroup"
      aria-labelledby={props.labelId}
      {...props.attributes}
    >
      <p id={props.labelId} class="legend">
        {props.label}
      </p>
      {props.children}
    </div>
  );
}
