#!/usr/bin/env bash
# Makes the small fixture clips that Storybook and the tests play. The output is committed, so
# only someone changing the fixtures needs ffmpeg. Every frame shows its number and timecode so a
# screenshot tells which frame is on screen.
set -euo pipefail

out_dir="$(cd "$(dirname "$0")/.." && pwd)/public/fixtures"
mkdir -p "$out_dir"

if ! command -v ffmpeg >/dev/null 2>&1; then
  echo "make-fixtures: ffmpeg is not installed (Debian: apt-get install -y ffmpeg)" >&2
  exit 1
fi

font=/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf
[ -f "$font" ] || font=$(fc-match -f '%{file}' monospace:bold)

duration=4
rate=30
size=320x180

# Frame number and timecode, large enough to read in a 160 px wide layer.
label="drawtext=fontfile=${font}:fontsize=26:fontcolor=white:box=1:boxcolor=black@0.7:boxborderw=6:x=(w-tw)/2:y=h-th-16:text='%{frame_num}'"
timecode="drawtext=fontfile=${font}:fontsize=14:fontcolor=white:box=1:boxcolor=black@0.7:boxborderw=4:x=8:y=8:timecode='00\:00\:00\:00':rate=${rate}"

make_clip() {
  local name=$1 source=$2 tag=$3; shift 3
  local length=${CLIP_SECONDS:-$duration} clip_size=${CLIP_SIZE:-$size}
  local tagged="drawtext=fontfile=${font}:fontsize=16:fontcolor=yellow:box=1:boxcolor=black@0.7:boxborderw=4:x=w-tw-8:y=8:text='${tag}'"
  ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "${source}=size=${clip_size}:rate=${rate}:duration=${length}" \
    -vf "${label},${timecode},${tagged}" "$@" "${out_dir}/${name}"
  echo "made ${name} ($(stat -c %s "${out_dir}/${name}") bytes)"
}

# H.264 in MP4 with the index first (+faststart), so a player can start before the whole file arrives.
make_clip clip-h264.mp4 testsrc2 H264 \
  -c:v libx264 -preset veryfast -profile:v main -pix_fmt yuv420p -g "$rate" -crf 28 -movflags +faststart

# A second H.264 clip that looks different, so layers are told apart on screen.
make_clip clip-h264-b.mp4 smptebars B \
  -c:v libx264 -preset veryfast -profile:v main -pix_fmt yuv420p -g "$rate" -crf 28 -movflags +faststart

# VP9 in WebM.
make_clip clip-vp9.webm testsrc VP9 \
  -c:v libvpx-vp9 -b:v 0 -crf 40 -deadline good -cpu-used 4 -row-mt 1 -g "$rate" -pix_fmt yuv420p

# Sound. Every sound fixture beeps at the same instants: a 1 kHz tone of 50 ms starting at 0.5 s
# and every second after, silence between, so a test of the tapped output tells exactly when the
# sound plays (the onsets are sharp) and where in the source it plays from. 12 s, 48 kHz stereo.
make_fixtures_sound() {
  local beeps="aevalsrc=exprs='if(lt(mod(t+0.5\,1)\,0.05)\,0.5*sin(2*PI*1000*t)\,0)':sample_rate=48000:channel_layout=stereo:duration=12"
  ffmpeg -hide_banner -loglevel error -y -f lavfi -i "$beeps" -c:a aac -b:a 96k -movflags +faststart "${out_dir}/beeps-aac.m4a"
  ffmpeg -hide_banner -loglevel error -y -f lavfi -i "$beeps" -c:a libopus -b:a 64k "${out_dir}/beeps-opus.webm"
  ffmpeg -hide_banner -loglevel error -y -f lavfi -i "$beeps" -c:a libmp3lame -b:a 96k "${out_dir}/beeps.mp3"
  ffmpeg -hide_banner -loglevel error -y -f lavfi -i "$beeps" -ac 1 -ar 16000 -c:a pcm_s16le "${out_dir}/beeps-mono.wav"
  # 4 s of the beeps in AC-3, a codec browsers do not decode: a track says why it is silent.
  ffmpeg -hide_banner -loglevel error -y -f lavfi -i "$beeps" -t 4 -c:a ac3 -b:a 96k -movflags +faststart "${out_dir}/beeps-ac3.mp4"
  # A steady tone, for what must not click while sound plays on (a fader moved, a seek).
  ffmpeg -hide_banner -loglevel error -y -f lavfi -i "aevalsrc=exprs='0.5*sin(2*PI*440*t)':sample_rate=48000:channel_layout=stereo:duration=12" \
    -c:a aac -b:a 96k -movflags +faststart "${out_dir}/tone-aac.m4a"
  # A video with sound for A/V sync: a white frame flashes at each beep (frame 15, 45, ...), a
  # black frame with its number otherwise.
  ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "color=c=black:size=${size}:rate=${rate}:duration=12" -f lavfi -i "$beeps" \
    -vf "drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='lt(mod(t+0.5\,1)\,0.02)',${label}" \
    -c:v libx264 -preset veryfast -profile:v main -pix_fmt yuv420p -g "$rate" -crf 30 \
    -c:a aac -b:a 96k -shortest -movflags +faststart "${out_dir}/flash-beeps.mp4"
  # An hour for the waveform: a 0.5 tone of 440 Hz for the first 5 minutes of every 10, silence
  # between; 8 kHz mono AAC at 8 kbit/s keeps it at 2.7 MB (the benchmark makes its long files at
  # run time instead, at 48 kHz).
  ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "aevalsrc=exprs='if(lt(mod(t\,600)\,300)\,0.5*sin(2*PI*440*t)\,0)':sample_rate=8000:channel_layout=mono:duration=3600" \
    -c:a aac -b:a 8k -movflags +faststart "${out_dir}/hour-tone.m4a"
  for name in beeps-aac.m4a beeps-opus.webm beeps.mp3 beeps-mono.wav beeps-ac3.mp4 tone-aac.m4a flash-beeps.mp4 hour-tone.m4a; do
    echo "made ${name} ($(stat -c %s "${out_dir}/${name}") bytes)"
  done
}
make_fixtures_sound

# Frame-coded video for frame-exactness read from pixels: a band across the top fifth holds the
# frame number in 12 bits (cell k, a twelfth of the width from the left, white when bit k is set),
# over the labelled test picture. A keyframe every second.
make_frame_code() {
  local name=$1 seconds=$2 picture=${FRAME_CODE_SIZE:-$size}; shift 2
  local width=${picture%x*} height=${picture#*x}
  ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=size=${picture}:rate=${rate}:duration=${seconds}" \
    -f lavfi -i "color=c=black:size=${width}x$((height / 5)):rate=${rate}:duration=${seconds}" \
    -filter_complex "[0:v]${label}[picture];[1:v]geq=lum='255*mod(floor(N/pow(2\,floor(X*12/W)))\,2)':cb=128:cr=128[code];[picture][code]overlay=0:0:shortest=1" \
    "$@" "${out_dir}/${name}"
  echo "made ${name} ($(stat -c %s "${out_dir}/${name}") bytes)"
}
# 10 s (frames 0 to 299) in H.264 and VP9, for the canvas renderer's own stories.
make_frame_code frame-code-h264.mp4 10 -c:v libx264 -preset veryfast -profile:v main -pix_fmt yuv420p -g "$rate" -crf 28 -movflags +faststart
make_frame_code frame-code-vp9.webm 10 -c:v libvpx-vp9 -b:v 0 -crf 40 -deadline good -cpu-used 4 -row-mt 1 -g "$rate" -pix_fmt yuv420p
# 4 s at 23.976 fps (frames 0 to 95, a frame every 1001/24000 s): on a 30 fps timeline some of its
# frames start a fraction of a millisecond after a timeline frame's time (frame 4 at 166.83 ms,
# 0.17 ms after timeline frame 5), where a seek aimed too far past the time shows it early.
rate=24000/1001 make_frame_code frame-code-h264-23976.mp4 4 -c:v libx264 -preset veryfast -profile:v main -pix_fmt yuv420p -g 24 -crf 28 -movflags +faststart

# A longer small clip for playback sync: 12 s at 320x180, which two software-decoding cores play
# on ten tracks at once; a keyframe every second keeps seeks short. Frame-coded, so a story or the
# sync benchmark reads the frame on screen from pixels under either renderer.
make_frame_code sync-h264.mp4 12 -c:v libx264 -preset veryfast -profile:v main -pix_fmt yuv420p -g "$rate" -crf 30 -movflags +faststart

# A longer clip for streaming: large enough (about 4.5 MB) that fetching only its metadata, or
# only the part around a seek, is visibly a small fraction of the file. Frame-coded, so a story
# reads where a seek landed from pixels under either renderer.
FRAME_CODE_SIZE=640x360 make_frame_code stream-h264.mp4 60 \
  -c:v libx264 -preset veryfast -profile:v main -pix_fmt yuv420p -g "$rate" -b:v 600k -maxrate 700k -bufsize 1400k -movflags +faststart

# The preview proxy of the sync clip, made as the media server makes proxies (H.264, a keyframe
# every 15 frames, no audio, +faststart) at half its size, so a story tells the renditions apart
# by their picture size while the burned-in frame numbers match.
ffmpeg -hide_banner -loglevel error -y -i "${out_dir}/sync-h264.mp4" \
  -map 0:v:0 -an -vf "scale=-2:90" -c:v libx264 -preset veryfast -crf 26 -pix_fmt yuv420p \
  -g 15 -keyint_min 15 -sc_threshold 0 -movflags +faststart "${out_dir}/sync-h264-proxy.mp4"
echo "made sync-h264-proxy.mp4 ($(stat -c %s "${out_dir}/sync-h264-proxy.mp4") bytes)"


# A still image for image layers: a 160x90 PNG of four flat quadrants (red at the top left, green
# at the top right, blue at the bottom left, white at the bottom right) with a transparent window
# in its middle (x 40 to 119, y 22 to 67), so a story reads each quadrant's colour and what shows
# through.
ffmpeg -hide_banner -loglevel error -y -f lavfi -i "color=c=black:size=160x90" -frames:v 1 \
  -vf "format=rgba,geq=r='if(lt(Y,45),if(lt(X,80),255,0),if(lt(X,80),0,255))':g='if(lt(X,80),0,255)':b='if(lt(Y,45),0,255)':a='if(between(X,40,119)*between(Y,22,67),0,255)'" \
  "${out_dir}/still-quadrants.png"
echo "made still-quadrants.png"
