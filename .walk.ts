import { launchChromium } from './tests/browser/support/chromium';
import { openPage } from './tests/browser/support/page';

const portal = 'http://127.0.0.1:4190/';
const server = 'http://127.0.0.1:4191/';
const out = '/tmp/ws-walk';
const shot = (page: import('playwright-core').Page, name: string) =>
  page.screenshot({ path: `${out}/${name}.png`, fullPage: false });

const patientBrowser = await launchChromium();
const agentBrowser = await launchChromium();
const { page: patient } = await openPage(patientBrowser, portal);
patient.setDefaultTimeout(20_000);
await patient.setViewportSize({ width: 1280, height: 720 });
await patient.getByRole('button', { name: 'Ask the assistant' }).click();
await patient.getByRole('log').waitFor();
await patient.waitForTimeout(1500);
const box = patient.getByRole('textbox').last();
await box.fill('I want to talk to a person');
await box.press('Enter');
await patient.waitForTimeout(3000);
await shot(patient, 'w1-patient-asks');
const yes = patient.getByRole('button', { name: /yes|connect|person/i }).first();
if (await yes.count()) await yes.click().catch(() => undefined);
await patient.waitForTimeout(3000);
await shot(patient, 'w2-patient-waiting');

const { page: agent, problems } = await openPage(agentBrowser, `${server}console/`);
agent.setDefaultTimeout(20_000);
await agent.setViewportSize({ width: 1280, height: 720 });
await agent.getByLabel('User name').fill('amelie');
await agent.getByLabel('Password').fill('baton-demo');
await agent.getByRole('button', { name: 'Sign in' }).click();
await agent.getByText('Connected', { exact: true }).waitFor();
await agent.waitForTimeout(1500);
await shot(agent, 'w3-console-queue');
const accept = agent.getByRole('button', { name: /^Accept/ }).first();
if (await accept.count()) {
  await accept.click();
  await agent.waitForTimeout(2500);
}
await shot(agent, 'w4-console-accepted');
await agent.getByLabel('Message to the patient').fill('Hello, I am Amélie. How can I help?');
await agent.keyboard.press('Enter');
await agent.waitForTimeout(2000);
await shot(agent, 'w5-console-sent');
await shot(patient, 'w6-patient-joined');
console.log('problems', JSON.stringify(problems));
await patientBrowser.close();
await agentBrowser.close();
