/**
 * Phase 1 of spec validation: the shape of a spec document. The same zod schema produces the
 * published JSON Schema (`spec.schema.json`), so editors check specs while they are typed.
 * Every field is documented in the README ("Spec format").
 */
import { z } from 'zod';

const name = z.string().regex(/^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/, 'lower-case words joined by . or -');

/** Longest time limit a check (or `--timeout`) may set, in seconds: one day. */
export const MAX_TIMEOUT_S = 86_400;
/** Most inputs a check may sample. */
export const MAX_SAMPLES = 100_000_000;

const whole = z.number().int('a whole number');

/**
 * A parameter value set: one whole number, an inclusive range `lo..hi`, or a list of them.
 * Negative values are for parameters such as an exponent offset; those of a construction or a
 * model (widths, counts) must be >= 0 (rule `params-natural`).
 */
export const ParamValues = z.union([whole, z.string().regex(/^-?\d+\s*\.\.\s*-?\d+$/, 'a range like 1..12 (or -6..0) of whole numbers'), z.array(whole).min(1)], {
  error: 'expected a whole number, a range like 1..12, or a list of whole numbers like [1, 2, 4]',
});

const Bound = z
  .object({
    max: z.string().min(1).optional().describe('upper bound, an expression in the parameters, e.g. "4*p + 1"'),
    constant: z.boolean().optional().describe('the measured value is the same at every measured instance of a check (some check testing it measures two points at least)'),
    degree: z.number().nonnegative().optional().describe('fitted polynomial degree (log-log slope) is at most this; size and depth only, fitted on three positive values of a parameter at least'),
  })
  .strict();

export const CheckSchema = z
  .object({
    backend: z.enum(['auto', 'model', 'z3', 'lean', 'measure']).describe('who checks: auto routes each instance to model (small) or z3 (large)'),
    params: z.record(z.string(), ParamValues).optional().describe('parameter values; the check runs on their cartesian product'),
    property: name.optional().describe('model backend: a registered property to check instead of circuit = model'),
    theorem: z
      .object({
        name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
        statement: z.string().min(1).describe('the Lean 4 proposition, checked by the Lean kernel'),
        proof: z.string().min(1).describe('a Lean term or `by` tactic block proving it (library lemmas are in scope)'),
      })
      .strict()
      .optional()
      .describe('lean backend: a general theorem instead of per-instance decide proofs'),
    covers: z.boolean().optional().describe('this theorem states the spec itself for all parameters: when every covering theorem is proved, the spec is proved for all parameters (or conditional on what it rests on)'),
    samples: z.number().int().positive().max(MAX_SAMPLES).optional().describe('inputs to sample when exhaustive evaluation is over budget'),
    budget: z.number().int().min(0).max(40).optional().describe('largest number of input bits this check enumerates exhaustively (the smaller of this and --budget); for circuits whose model is slow per input'),
    timeout: z.number().positive().max(MAX_TIMEOUT_S).optional().describe('seconds per obligation (--timeout overrides it)'),
    expect: z.enum(['proved', 'refuted']).optional().describe('overrides the spec-level expect for this check'),
    against: name.optional().describe('architecture properties: the other architecture (agrees) or the construction (depth-contrast) compared with'),
    note: z.string().optional(),
  })
  .strict();

export const SpecSchema = z
  .object({
    id: name.describe('unique id, e.g. int.add (docs/paper.md lists the ids of the paper)'),
    title: z.string().min(1),
    provenance: z
      .object({
        paper: z.string().min(1).describe('the paper item (e.g. "L-A1(1)") or "none"'),
        status: z.enum(['verified', 'recalled', 'reconstructed', 'ours']).describe('how sure we are that this is what the paper states'),
        cite: z.array(z.string().min(1)).optional().describe('literature references'),
        note: z.string().optional(),
      })
      .strict(),
    statement: z.string().min(1).describe('the claim in words (precise: this is what the checks are about)'),
    uses: z.array(name).optional().describe('ids of the specs this one builds on'),
    assumptions: z.array(name).optional().describe('named assumptions (specs/assumptions.yaml) this claim rests on'),
    assumed: z.boolean().optional().describe('the claim is taken from the literature, not checked (status assumed)'),
    refutes: z.array(name).optional().describe('named assumptions that this spec, when refuted, shows false; every spec resting on them is flagged'),
    parameters: z
      .record(
        z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'a parameter name is a lower-case letter followed by letters and digits (n, p, nmax, kMax)'),
        z.object({ range: ParamValues.describe('allowed values'), description: z.string().optional() }).strict(),
      )
      .optional(),
    construction: name.optional().describe('registered circuit construction'),
    model: name.optional().describe('registered exact model the construction must agree with'),
    architecture: name
      .optional()
      .describe('an architecture program (specs/**/*.arch.yaml): its gate-level circuit, operator-level family, depth, size and local description are checked instead of a construction and a model'),
    claims: z
      .object({ depth: Bound.optional(), size: Bound.optional(), fanIn: Bound.optional(), weight: Bound.optional() })
      .strict()
      .optional()
      .describe('metric claims checked by the measure backend'),
    checks: z.array(CheckSchema).optional(),
    expect: z.enum(['proved', 'refuted']).optional().describe('proved (default), or refuted for a claim kept as a documented refutation'),
    paperConstant: z
      .object({
        name: z.string().min(1).describe('the abstract constant of the paper this spec measures, e.g. d_std'),
        note: z.string().optional(),
      })
      .strict()
      .optional()
      .describe('the measured depth of this construction is (a value of) a constant the paper leaves abstract'),
  })
  .strict();

export type SpecDoc = z.infer<typeof SpecSchema>;
export type CheckDoc = z.infer<typeof CheckSchema>;

export const AssumptionsSchema = z
  .object({
    assumptions: z.array(
      z
        .object({
          id: name,
          statement: z.string().min(1),
          cite: z.array(z.string()).optional(),
          status: z
            .enum(['open', 'literature', 'unproved', 'ours'])
            .describe('open: an open problem; literature: a published result; unproved: a claim not proved here; ours: our precise choice (a definition, not a claim)'),
        })
        .strict(),
    ),
  })
  .strict();

/** The JSON Schema published as `spec.schema.json`. */
export function specJsonSchema(): unknown {
  const schema = z.toJSONSchema(SpecSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://tc0.dev/spec.schema.json', title: 'tc0 spec' };
}
