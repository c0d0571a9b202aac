// A test driver: on the lab command `Start-Flood -Target x -Count n` it sends n heartbeat requests
// to x in one step. Used to overfill a paused actor's mailbox.
import { NodeAccepts, type ActorDefinition, type NodeMessage } from '@wsfc-lab/protocol';

export const floodActor: ActorDefinition<{ network: string }, { network: string }, NodeMessage, never> = {
  kind: 'node',
  accepts: NodeAccepts,
  init: (config) => ({ network: config.network }),
  step(state, input, io) {
    if (input.type !== 'Command' || input.command.type !== 'Cmdlet') return;
    const { Target, Count } = input.command.parameters;
    for (let sequence = 1; sequence <= Number(Count); sequence++) {
      io.send(String(Target), state.network, { type: 'HeartbeatRequest', sequence, incarnation: 0, sentAtMs: io.now(), hearsYou: false });
    }
    io.reply(input.requestId, { ok: true, output: Number(Count) });
  },
};
