import { PatientToServer } from '../messages/patient-to-server';
import { ServerToPatient } from '../messages/server-to-patient';
import { messageTypes, type ParseResult, parseFrame } from './frame';

let patientTypes: ReadonlySet<string> | undefined;
let serverTypes: ReadonlySet<string> | undefined;

/** Server side: parse a frame a patient sent. Never throws. */
export function parsePatientMessage(input: unknown): ParseResult<PatientToServer> {
  patientTypes ??= messageTypes(PatientToServer);
  return parseFrame(PatientToServer, patientTypes, 'patient → server', input);
}

/** Widget side: parse a frame the server sent to a patient. Never throws. */
export function parseServerToPatient(input: unknown): ParseResult<ServerToPatient> {
  serverTypes ??= messageTypes(ServerToPatient);
  return parseFrame(ServerToPatient, serverTypes, 'server → patient', input);
}
