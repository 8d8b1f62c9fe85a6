/**
 * `@inkwell` in VS Code's chat, with `/draft`, `/rewrite` and `/describe`. It answers through
 * `vscode.lm` with Inkwell's own language model (vendor `inkwell`), whatever model the chat's
 * picker shows, so the participant is always local. Referenced files and selections become
 * context; referenced images go to the model as image parts where VS Code has
 * `LanguageModelDataPart` (finalized after 1.104), else through `services.provider` directly.
 */
import * as vscode from 'vscode';
import type { PromptPart } from '../../providers/provider';
import type { InkwellServices } from '../../services';
import { describeAttachment } from '../common/buildChatPrompt';
import { fileAttachment } from '../common/contextAttachments';
import { participantInstruction, type ParticipantCommand } from '../common/participantPrompts';
import { toChatError } from './replyRunner';
import { LANGUAGE_MODEL_VENDOR } from './inkwellLanguageModel';

export const PARTICIPANT_ID = 'inkwell.inkwell';

const IMAGE_EXTENSIONS = /\.(png|jpe?g|webp|gif)$/i;

type DataPartClass = { image(data: Uint8Array, mimeType: string): unknown };

export function registerInkwellParticipant(context: vscode.ExtensionContext, services: InkwellServices, editorSelection: () => string | undefined): void {
  const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, async (request, _chatContext, stream, token) => {
    const command = request.command as ParticipantCommand;
    const { texts, images } = await readReferences(request.references);
    const selection = command === 'rewrite' && texts.length === 0 ? editorSelection() : undefined;
    const instruction = participantInstruction(command, request.prompt, [...texts, ...(selection ? [selection] : [])].join('\n\n'));
    if (command === 'describe' && images.length === 0) {
      stream.markdown('Attach an image to describe (drag it into the chat, or use **Add Context…**).');
      return {};
    }
    try {
      const dataPart = (vscode as unknown as { LanguageModelDataPart?: DataPartClass }).LanguageModelDataPart;
      if (images.length > 0 && !dataPart) {
        await services.provider.generate(
          { messages: [{ role: 'user', content: [...images, { type: 'text', text: instruction }] }], settings: services.settings().generation, purpose: 'draft' },
          (delta) => stream.markdown(delta),
          token,
        );
        return {};
      }
      const [model] = await vscode.lm.selectChatModels({ vendor: LANGUAGE_MODEL_VENDOR });
      if (!model) throw new Error('Inkwell\'s language model is not registered.');
      const imageParts = images.map((image) => dataPart!.image(image.bytes, image.mimeType));
      // The 1.104 types do not know data parts; VS Code versions that have the class accept them.
      const message = vscode.LanguageModelChatMessage.User([...imageParts, new vscode.LanguageModelTextPart(instruction)] as vscode.LanguageModelTextPart[]);
      const response = await model.sendRequest([message], {}, token);
      for await (const text of response.text) stream.markdown(text);
    } catch (error) {
      return { errorDetails: { message: toChatError(error).message } };
    }
    return {};
  });
  participant.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
  context.subscriptions.push(participant);
}

type ImagePart = Extract<PromptPart, { type: 'image' }>;

async function readReferences(references: readonly vscode.ChatPromptReference[]): Promise<{ texts: string[]; images: ImagePart[] }> {
  const texts: string[] = [];
  const images: ImagePart[] = [];
  for (const reference of references) {
    const value = reference.value;
    const uri = value instanceof vscode.Uri ? value : value instanceof vscode.Location ? value.uri : undefined;
    if (!uri) {
      if (typeof value === 'string') texts.push(value);
      continue;
    }
    if (IMAGE_EXTENSIONS.test(uri.path)) {
      const extension = uri.path.split('.').pop()!.toLowerCase();
      images.push({ type: 'image', bytes: new Uint8Array(await vscode.workspace.fs.readFile(uri)), mimeType: `image/${extension === 'jpg' ? 'jpeg' : extension}` });
      continue;
    }
    const document = await vscode.workspace.openTextDocument(uri).then(undefined, () => undefined);
    if (!document) continue;
    const text = value instanceof vscode.Location ? document.getText(value.range) : document.getText();
    texts.push(describeAttachment(fileAttachment(vscode.workspace.asRelativePath(uri), document.languageId, text)));
  }
  return { texts, images };
}
