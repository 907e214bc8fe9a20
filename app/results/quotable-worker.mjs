// The entry of the thread quotable.server.ts starts for one questionnaire version: survey-core's
// model of a questionnaire takes tens to hundreds of milliseconds to build, too long for the event
// loop. Loaded through tsx, as figures-worker.mjs is, so tests, scripts and the server share it.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { quotableQuestions } = await import("./quotable.ts");
parentPort.postMessage(quotableQuestions(workerData.definition, workerData.language));
