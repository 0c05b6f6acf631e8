import { describe, expect, it } from 'vitest';
import { emptyForm } from '../compose/composeForm';
import { toolTarget } from './toolTarget';

describe('the tools target', () => {
  it('is the local model picked in the shared form', () => {
    expect(toolTarget(emptyForm('stories260K'))).toEqual({
      ok: true,
      target: { kind: 'local', model: 'stories260K' },
    });
    expect(toolTarget(emptyForm(''))).toMatchObject({ ok: false });
  });

  it('is the remote endpoint with the in-memory key, or what to fix', () => {
    const form = {
      ...emptyForm(''),
      target: 'remote' as const,
      remote: { baseURL: ' http://127.0.0.1:8000/v1 ', model: 'm', apiKey: 'sk-1' },
    };
    expect(toolTarget(form)).toEqual({
      ok: true,
      target: { kind: 'remote', baseURL: 'http://127.0.0.1:8000/v1', model: 'm', apiKey: 'sk-1' },
    });
    const bad = toolTarget({ ...form, remote: { baseURL: 'localhost', model: '', apiKey: '' } });
    expect(bad.ok === false && Object.keys(bad.errors).sort()).toEqual(['baseURL', 'model']);
  });
});
