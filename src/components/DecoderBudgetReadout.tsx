import { formatBytes } from '../memory';
import { partClass, type StyleProps } from '../render';
import { useSourceContext } from '../sources';
import { planDecoders, useCompositorSelector } from '../state';

/** The decoder budget in a line: decoders in use of the budget, their estimated bytes, and how many tracks wait for room. */
export function DecoderBudgetReadout({ className, style }: StyleProps) {
  const { options } = useSourceContext();
  const { maxDecoders, maxBytes } = options.decoderBudget;
  // A string, so the readout re-renders when the plan changes, not on every clock tick.
  const summary = useCompositorSelector((state) => {
    const plan = planDecoders(state, options.decoderBudget);
    return `${plan.allowed.length}|${plan.suspended.length}|${plan.bytes}`;
  });
  const [inUse, suspended, bytes] = summary.split('|').map(Number);
  const limit = Number.isFinite(maxDecoders) ? ` of ${maxDecoders}` : '';
  const byteLimit = Number.isFinite(maxBytes) ? ` of ${formatBytes(maxBytes)}` : '';
  return (
    <output
      aria-label="Decoder budget"
      data-state={suspended > 0 ? 'over' : 'within'}
      className={partClass('mtk-readout', className)}
      style={style}
    >
      {`Decoders: ${inUse}${limit} (about ${formatBytes(bytes)}${byteLimit})`}
      {suspended > 0 ? ` · ${suspended} suspended` : ''}
    </output>
  );
}
