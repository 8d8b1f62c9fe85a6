import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeRegionAt } from '../../../src/inline/common/codeRegion';
import { insideCodeFence } from '../../../src/inline/common/codeFence';
import { commentSyntaxOf } from '../../../src/inline/common/commentSyntax';

const ts = commentSyntaxOf('typescript')!;
const python = commentSyntaxOf('python')!;

describe('codeRegionAt', () => {
  it('tells line comments, block comments and strings from code', () => {
    assert.equal(codeRegionAt('let a = 1; // why ', ts), 'comment');
    assert.equal(codeRegionAt('/**\n * Explains ', ts), 'comment');
    assert.equal(codeRegionAt('log("Saving ', ts), 'string');
    assert.equal(codeRegionAt('/* done */ let a = ', ts), 'code');
  });

  it('ends a line comment and a one-line string at the line break', () => {
    assert.equal(codeRegionAt('// note\nlet a = ', ts), 'code');
    assert.equal(codeRegionAt('let s = "open\nlet a = ', ts), 'code');
  });

  it('keeps a template literal or a docstring open across lines', () => {
    assert.equal(codeRegionAt('const s = `line one\nline ', ts), 'string');
    assert.equal(codeRegionAt('def f():\n    """Returns the\n    ', python), 'string');
  });

  it('takes a block opener that starts like a line comment as a block', () => {
    assert.equal(codeRegionAt('--[[ a long\ncomment ', commentSyntaxOf('lua')!), 'comment');
    assert.equal(codeRegionAt('--[[ done ]]\nlocal a = ', commentSyntaxOf('lua')!), 'code');
  });

  it('skips escaped quotes and quotes inside comments', () => {
    assert.equal(codeRegionAt('say("a \\" b ', ts), 'string');
    assert.equal(codeRegionAt("# don't stop\nx = ", python), 'code');
  });
});

describe('insideCodeFence', () => {
  it('is inside after an opening fence and outside after its closing one', () => {
    assert.equal(insideCodeFence('Text\n```js\nlet a'), true);
    assert.equal(insideCodeFence('Text\n```js\nlet a\n```\nMore '), false);
  });

  it('closes a fence only with the same character, at least as long', () => {
    assert.equal(insideCodeFence('~~~~\ncode\n```\nstill '), true);
    assert.equal(insideCodeFence('````\ncode\n```\nstill '), true);
  });

  it('does not count the cursor line as a fence yet', () => {
    assert.equal(insideCodeFence('Text\n```'), false);
  });
});
