import { createAction } from '@reduxjs/toolkit';
import * as z from 'zod/mini';
import { en as english } from 'zod/locales';
import { checkColour, checkText, type TextContent } from './layerContent';
import { blendModes, checkLook, fitModes, LookError, type LookChange } from './layerLook';
import { animatedLookProperties, animatedSoundProperties, checkAnimation, namedEasings, type Animation } from './keyframes';
import { maxVolumeDb, minVolumeDb } from './mixerSlice';
import { fadeCurves } from './soundFades';
import { maxClipSpeed, minClipSpeed } from './clipTiming';
import { transitionKinds, transitionSides } from './transitions';
import type { TrackKind } from './tracksSlice';

/**
 * The project document: the kit's timeline as JSON a host saves and opens again (its tracks with
 * their media references, clips, looks and mix, the composition's size, frame rate and
 * background, the master level and the marks). Versioned: a document of an older version is
 * migrated on load, one of a newer version refused. Validated with zod (its `mini` build, so a
 * host's bundle carries only the checks this schema uses; zod also writes the schema out as JSON
 * Schema, `projectDocumentJsonSchema`, for a host's own tools): a bad document is refused with a
 * `ProjectDocumentError` naming each bad field, before anything reaches the store. The rules a
 * look, a colour or a title's style must keep are the kit's own (`checkLook`, `checkColour`,
 * `checkText`), the same ones its actions apply, run inside the schema.
 *
 * Media references stay references: the document holds URLs (and proxies' URLs), never media.
 */
export const projectFormat = 'multitrack-kit/project';
/** The version `saveProject` writes and `projectLoaded` reads; older ones are migrated. */
export const projectVersion = 2;

/** A document that cannot be loaded: each issue names its field (`tracks[2].clips[0].startMs`). */
export class ProjectDocumentError extends Error {
  override name = 'ProjectDocumentError';
  constructor(readonly issues: readonly { field: string; message: string }[]) {
    super(`Not a project this kit can open: ${issues.map(({ field, message }) => (field ? `${field}: ${message}` : message)).join('; ')}`);
  }
}

/**
 * Runs one of the kit's own checks (which throw a `LookError` naming a field) as a schema rule,
 * on a value whose type the schema has already accepted (so it runs beside other fields' issues,
 * and every bad field is named at once).
 */
function kitRule<T>(check: (value: T) => void, type: 'string' | 'object', prefix = '') {
  return z.superRefine<T>(
    (value, context) => {
      try {
        check(value);
      } catch (error) {
        // Anything but a `LookError` is the check meeting a shape the schema already refuses
        // (a title's `shadow: null`, say): that field's own issue names it.
        if (!(error instanceof LookError)) return;
        const field = prefix && error.field.startsWith(prefix) ? error.field.slice(prefix.length) : error.field;
        context.issues.push({ code: 'custom', input: value, message: error.message.slice(error.field.length + 2), path: field ? field.split('.') : [], continue: true });
      }
    },
    { when: ({ value }) => typeof value === type && value !== null },
  );
}

/** Zod's English messages, given to each reading (not set globally: a host's own zod keeps its settings). */
const englishMessages = english().localeError;

const finite = z.number();
const timeMs = z.number().check(z.gte(0));
const positive = z.number().check(z.gt(0));
const colour = z.string().check(kitRule((value: string) => checkColour('', value), 'string'));
const pair = z.strictObject({ x: z.optional(finite), y: z.optional(finite) });

const lookSchema = z
  .strictObject({
    x: z.optional(finite),
    y: z.optional(finite),
    width: z.optional(finite),
    height: z.optional(finite),
    anchor: z.optional(pair),
    scale: z.optional(pair),
    rotation: z.optional(finite),
    flip: z.optional(z.strictObject({ horizontal: z.optional(z.boolean()), vertical: z.optional(z.boolean()) })),
    crop: z.optional(z.strictObject({ top: z.optional(finite), right: z.optional(finite), bottom: z.optional(finite), left: z.optional(finite) })),
    fit: z.optional(z.enum(fitModes)),
    opacity: z.optional(finite),
    blend: z.optional(z.enum(blendModes)),
  })
  .check(kitRule((look: LookChange) => checkLook(look), 'object'));

const textSchema = z
  .strictObject({
    content: z.string(),
    fontFamily: z.string(),
    fontSize: positive,
    fontWeight: positive,
    fontStyle: z.enum(['normal', 'italic']),
    color: z.string(),
    align: z.enum(['left', 'center', 'right']),
    verticalAlign: z.enum(['top', 'middle', 'bottom']),
    lineHeight: positive,
    outline: z.optional(z.strictObject({ color: z.string(), width: timeMs })),
    shadow: z.optional(z.strictObject({ color: z.string(), blur: timeMs, x: finite, y: finite })),
  })
  .check(kitRule((text: TextContent) => checkText(text), 'object', 'text.'));

const easingSchema = z.union([z.enum(namedEasings), z.strictObject({ cubicBezier: z.tuple([finite, finite, finite, finite]) })]);
const keyframeSchema = z.strictObject({ atMs: finite, value: finite, easing: z.optional(easingSchema) });
const animationSchema = z
  .partialRecord(z.enum([...animatedLookProperties, ...animatedSoundProperties]), z.array(keyframeSchema))
  .check(kitRule((animation: Animation) => checkAnimation(animation), 'object', 'animation.'));

const fadeSchema = z.strictObject({ durationMs: timeMs, curve: z.optional(z.enum(fadeCurves)) });
const transitionSchema = z.strictObject({
  kind: z.enum(transitionKinds),
  durationMs: positive,
  easing: z.optional(easingSchema),
  from: z.optional(z.enum(transitionSides)),
  sound: z.optional(z.enum(['cross-fade', 'keep'])),
  fromTrackId: z.string().check(z.minLength(1)),
});
const fadesSchema = z.strictObject({ in: z.optional(fadeSchema), out: z.optional(fadeSchema) });

const clipSchema = z
  .strictObject({
    startMs: timeMs,
    inMs: timeMs,
    outMs: z.optional(timeMs),
    look: z.optional(lookSchema),
    animation: z.optional(animationSchema),
    fades: z.optional(fadesSchema),
    transitionIn: z.optional(transitionSchema),
    speed: z.optional(z.number().check(z.gte(minClipSpeed), z.lte(maxClipSpeed))),
  })
  .check(z.refine((clip) => clip.outMs === undefined || clip.outMs > clip.inMs, { message: 'ends (outMs) before it starts in its media (inMs)', path: ['outMs'] }));

const mediaSchema = z.strictObject({
  url: z.string().check(z.minLength(1)),
  mimeType: z.optional(z.string()),
  frameRate: z.optional(positive),
  proxy: z.optional(z.strictObject({ url: z.string().check(z.minLength(1)), mimeType: z.optional(z.string()), height: z.optional(positive) })),
});

const kinds = ['video', 'audio', 'image', 'color', 'text'] as const satisfies readonly TrackKind[];

const trackSchema = z
  .strictObject({
    id: z.string().check(z.minLength(1)),
    name: z.string(),
    kind: z.enum(kinds),
    source: z.optional(mediaSchema),
    color: z.optional(colour),
    text: z.optional(textSchema),
    /** Where the layer's box sits, in composition pixels; the stacking is the tracks' order in the document. */
    layout: z.strictObject({ x: finite, y: finite, width: timeMs, height: timeMs }),
    look: z.optional(lookSchema),
    clips: z.array(clipSchema),
    visible: z.boolean(),
    linkId: z.optional(z.string()),
    locked: z.optional(z.boolean()),
    /** The media's length as last read (clips without `outMs` end there). */
    mediaDurationMs: z.optional(positive),
    cutShortAtMs: z.optional(positive),
    mix: z.strictObject({
      volumeDb: z.number().check(z.gte(minVolumeDb), z.lte(maxVolumeDb)),
      pan: z.number().check(z.gte(-1), z.lte(1)),
      muted: z.boolean(),
      soloed: z.boolean(),
    }),
  })
  .check(
    z.superRefine((track, context) => {
      const needs = track.kind === 'color' ? 'color' : track.kind === 'text' ? 'text' : 'source';
      if (track[needs] === undefined) context.issues.push({ code: 'custom', input: track, message: `a ${track.kind} track needs its ${needs}`, path: [needs] });
    }),
  );

const documentSchema = z
  .strictObject({
    format: z.literal(projectFormat),
    version: z.literal(projectVersion),
    title: z.optional(z.string()),
    composition: z.strictObject({ width: z.optional(positive), height: z.optional(positive), frameRate: positive, background: z.optional(colour) }),
    master: z.strictObject({ volumeDb: z.number().check(z.gte(minVolumeDb), z.lte(maxVolumeDb)) }),
    marks: z.optional(z.strictObject({ inMs: z.optional(timeMs), outMs: z.optional(timeMs) })),
    /** Bottom layer first: the order they paint in. */
    tracks: z.array(trackSchema),
    /** The host's own data, kept as it is (JSON). */
    host: z.optional(z.json()),
  })
  .check(
    z.superRefine((project, context) => {
      const seen = new Set<string>();
      project.tracks.forEach((track, index) => {
        if (seen.has(track.id)) context.issues.push({ code: 'custom', input: track.id, message: `${track.id} is the id of an earlier track too`, path: ['tracks', index, 'id'] });
        seen.add(track.id);
      });
    }),
  );

/** A project document of the current version, as `saveProject` writes it and `projectLoaded` takes it. */
export type ProjectDocument = z.infer<typeof documentSchema>;
export type ProjectTrack = ProjectDocument['tracks'][number];

/** The document's JSON Schema (draft 2020-12), for a host's own validation, editors and docs. */
export const projectDocumentJsonSchema = () => z.toJSONSchema(documentSchema);

/**
 * How a document of each older version becomes one of the next: `migrations[n]` takes version n
 * to n + 1; the next version that changes the shape adds its step here.
 * - 1 to 2: clips may hold keyframes (`animation`), sound fades (`fades`), the transition they
 *   come in by (`transitionIn`) and a speed (`speed`); a version 1 clip has none of them, so it
 *   reads as it is.
 */
const migrations: Record<number, (older: Record<string, unknown>) => Record<string, unknown>> = {
  1: (older) => older,
};

const fieldOf = (path: readonly PropertyKey[]) =>
  path.reduce<string>((field, part) => (typeof part === 'number' ? `${field}[${part}]` : field ? `${field}.${String(part)}` : String(part)), '');

/**
 * `input` (parsed JSON) as a document of the current version: migrated from an older version,
 * then checked. Throws a `ProjectDocumentError` naming every bad field; returns a new object.
 */
export function readProjectDocument(input: unknown): ProjectDocument {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ProjectDocumentError([{ field: '', message: 'a project document is a JSON object' }]);
  let document = input as Record<string, unknown>;
  if (document.format !== projectFormat) throw new ProjectDocumentError([{ field: 'format', message: `${JSON.stringify(document.format)} is not "${projectFormat}"` }]);
  const version = document.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new ProjectDocumentError([{ field: 'version', message: `${JSON.stringify(version)} is not a version of the format` }]);
  if (version > projectVersion) {
    throw new ProjectDocumentError([{ field: 'version', message: `version ${version} was written by a newer multitrack-kit; this one opens versions up to ${projectVersion}` }]);
  }
  for (let from = version; from < projectVersion; from += 1) document = { ...migrations[from](document), version: from + 1 };
  const parsed = documentSchema.safeParse(document, { error: englishMessages });
  if (!parsed.success) throw new ProjectDocumentError(parsed.error.issues.map((issue) => ({ field: fieldOf(issue.path), message: issue.message })));
  return parsed.data;
}

/**
 * Opens a project: everything the kit holds is replaced by the document's timeline in one store
 * update (tracks, mix, composition, frame rate, marks; the playhead at 0, paused, nothing
 * selected; the browser's limits the kit has learnt stay). The document is read when the action is
 * made (`readProjectDocument`), so a bad one throws a `ProjectDocumentError` there and the store
 * never sees it.
 */
export const projectLoaded = createAction('multitrack/projectLoaded', (document: unknown) => ({ payload: readProjectDocument(document) }));
