import type { GenerateConstraint } from '@tokenscope/core';
import { isRecord } from '@tokenscope/core';

/** Which constraint the compose form asks for. */
export type ConstraintChoice = 'none' | 'choices' | 'json-schema' | 'grammar';

/** The "Constrain output" fields, as typed. */
export interface ConstraintForm {
  kind: ConstraintChoice;
  /** One choice per line. */
  choices: string;
  /** A JSON schema, as JSON text. */
  schema: string;
  /** GBNF with a `root` rule. */
  gbnf: string;
}

export const EMPTY_CONSTRAINT: ConstraintForm = {
  kind: 'none',
  choices: 'yes\nno',
  schema: '{\n  "type": "object",\n  "properties": { "name": { "type": "string" } }\n}',
  gbnf: 'root ::= " " ("red" | "blue" | "green") " ball."',
};

/** The constraint the fields describe (none for `none`), or what to fix. */
export function readConstraint(
  form: ConstraintForm,
): { ok: true; constraint?: GenerateConstraint } | { ok: false; error: string } {
  switch (form.kind) {
    case 'none':
      return { ok: true };
    case 'choices': {
      const choices = form.choices.split('\n').filter((c) => c.trim() !== '');
      if (choices.length === 0) return { ok: false, error: 'Write at least one choice, one per line.' };
      const twice = choices.find((c, i) => choices.indexOf(c) !== i);
      if (twice !== undefined) return { ok: false, error: `The choice “${twice}” is given twice.` };
      return { ok: true, constraint: { kind: 'choices', choices } };
    }
    case 'json-schema': {
      let schema: unknown;
      try {
        schema = JSON.parse(form.schema);
      } catch (e) {
        return { ok: false, error: `The schema is not JSON: ${e instanceof Error ? e.message : String(e)}.` };
      }
      if (!isRecord(schema)) {
        return { ok: false, error: 'The schema must be a JSON object, like {"type": "object", ...}.' };
      }
      return { ok: true, constraint: { kind: 'json-schema', schema } };
    }
    case 'grammar': {
      if (!/(^|\n)\s*root\s*::=/.test(form.gbnf)) {
        return { ok: false, error: 'The grammar needs a rule named root, like root ::= "yes" | "no".' };
      }
      return { ok: true, constraint: { kind: 'grammar', gbnf: form.gbnf } };
    }
  }
}
