// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { printTranscript, transcriptText } from './transcript-copy';

function panel(): HTMLElement {
  const section = document.createElement('section');
  section.className = 'panel';
  section.innerHTML = `<header><h2>Patient assistant</h2></header>
    <div class="log"><div class="msg bot"><span class="vh">Assistant: </span><div class="bubble">How can I help?</div><span class="meta"><time>9:00 AM</time></span></div>
    <div class="msg patient"><span class="vh">You: </span><div class="bubble">My bill</div></div></div>
    <button type="button">Print or save</button>`;
  document.body.append(section);
  return section;
}

describe("the patient's copy of the conversation", () => {
  it('is the text on screen, in order, under the panel title', () => {
    const log = panel().querySelector('.log') as Element;
    const text = transcriptText(log, 'Patient assistant', 'en');
    expect(text.startsWith('Patient assistant\n')).toBe(true);
    expect(text).toMatch(
      /^Patient assistant\n.+\n\nAssistant:\s*How can I help\?[\s\S]*You:\s*My bill/,
    );
  });

  it('prints from a frame made in the browser, with no request', () => {
    const button = panel().querySelector('button') as Element;
    const printed: string[] = [];
    printTranscript(button, 'en', (view) => {
      printed.push(view.document.querySelector('pre')?.textContent ?? '');
    });
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^Patient assistant\n[\s\S]*You:\s*My bill/);
    expect(document.querySelector('iframe')?.title).toBe('Patient assistant');
  });
});
