/**
 * SmolVLM-256M-Instruct, the default: small, reads images. Every fact here is confirmed by
 * ../shared/reference/SmolVLM-256M-Instruct (byte copies of the config files, LFS pointers of the
 * ONNX files) and re-checked by test/unit/models/catalogMatchesReference.test.ts.
 * The revision is not: the reference clone's commit is unknown, and the stored Hub page of commit
 * acc0547 shows other (rounded) decoder sizes, so the files changed after it. The digests pin the
 * content; the first download records the commit the Hub answers with.
 */
import { gitFile, lfsFile } from './catalogFiles';
import type { CatalogModel } from './catalogModel';

export const smolVlm256m: CatalogModel = {
  id: 'HuggingFaceTB/SmolVLM-256M-Instruct',
  label: 'SmolVLM 256M Instruct',
  summary: 'Small and multimodal: describes images and drafts text.',
  repo: 'HuggingFaceTB/SmolVLM-256M-Instruct',
  revision: 'main',
  family: 'idefics3',
  reads: ['text', 'image'],
  contextLength: 8192,
  contextLengthConfirmed: true,
  files: [
    gitFile('config.json', 7353, '1c09d62975f946e7e07f62ec4db3f16c9c701144'),
    gitFile('generation_config.json', 136, '14051e31eab5938a09976bf8c3e4769491f53a80'),
    gitFile('preprocessor_config.json', 486, '893236748032d4bf033823d6a4a0d62b78b6bc0e'),
    gitFile('processor_config.json', 68, 'b3b1deadd0e6e18c2070fdb0c29074892ea58ffe'),
    gitFile('tokenizer.json', 3548256, 'a4005d1cf3170a31600a5c96f95768166cbc2b28'),
    gitFile('tokenizer_config.json', 28249, 'c85c07d72e6ffca6b6ff138a8e8f09ae65740bfb'),
  ],
  precisions: {
    q4: [
      lfsFile('onnx/vision_encoder_q4.onnx', 63784987, '95814e6629ec465e7cf98a44edcee67abc06d41faa0d1acc410cf8a956cab488'),
      lfsFile('onnx/embed_tokens_q4.onnx', 113541438, '47ed7029703cff586fd719d70251324766a6591c8a58d315076b1781a65fc900'),
      lfsFile('onnx/decoder_model_merged_q4.onnx', 86562901, 'e3fd81130e30715580cf148398e48e2925b6219bff75e17d2a77add35a363f65'),
    ],
    q4f16: [
      lfsFile('onnx/vision_encoder_q4f16.onnx', 55037584, '13c301dc0cbc79c8c23badc699129b47d05ba044e2274ca8a94681fcd4205fc1'),
      lfsFile('onnx/embed_tokens_q4f16.onnx', 56770965, 'd810e0849eda8128be2d9cf1a2be9ca0bd8e5bfbe5bf972f60ea8e2a566f6bfe'),
      lfsFile('onnx/decoder_model_merged_q4f16.onnx', 77034560, '0a6b4e72e26025c190f37e2573ea2ce3336d95670da9c4b1fa662e47cc3d94a7'),
    ],
    fp16: [
      lfsFile('onnx/vision_encoder_fp16.onnx', 187294693, '275c41d775508b7f7410580c4aaf67583a34acf23c31259effa8e53f67e8d9ae'),
      lfsFile('onnx/embed_tokens_fp16.onnx', 56770946, '019af59078b8e4775216dd278c66574c39bfefa36cab68573db64d7ac7a11691'),
      lfsFile('onnx/decoder_model_merged_fp16.onnx', 270414183, '925ffaf3af9336b4b4c064d77fa64128868d8cb915c257520708d3aa853bb4ae'),
    ],
    fp32: [
      lfsFile('onnx/vision_encoder.onnx', 374316497, 'e27ad810eabfa7c881b409e1ca357e7a951541019add228ff73c72718fcf6218'),
      lfsFile('onnx/embed_tokens.onnx', 113541419, 'a68ea4058524059ed0e2873fdbc4f33b93e13ae3d3204938d32d0566d390ae00'),
      lfsFile('onnx/decoder_model_merged.onnx', 540640302, '5ae6a66fdf47680433aa6bcc512ae8f0b98c2db01bea055fc76ee37bb0389b78'),
    ],
  },
  provenance:
    'Files, sizes and digests: reference/SmolVLM-256M-Instruct (git clone with LFS pointers). Revision: unconfirmed (main; commit recorded on first download).',
};
