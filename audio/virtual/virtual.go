// Package virtual starts a private PulseAudio daemon with virtual devices,
// so that a program (starloop demo) or a test (see audio/pulsetest) can play
// into a microphone and record a speaker without sound hardware and without
// touching the user's own sound server or $HOME.
//
// Data enters the virtual microphone through Speak and SpeakFile (audio
// played into the microphone's feed is what a program recording from Mic
// hears), and leaves the virtual speaker through RecordSpeaker (whatever a
// program plays on Speaker). Programs reach the devices through the
// environment Env returns: PulseAudio clients directly, ALSA clients (and so
// PortAudio) through ALSA's pulse plugin, where "default" leads to Mic and
// Speaker and the two devices also appear under their own names.
//
// Start the server before the code under test first loads ALSA (for
// PortAudio, before Open): ALSA decides whether "default" means PulseAudio
// when it reads its configuration.
//
// The daemon runs in the foreground as a child of the calling process, in a
// private folder (mode 0700) that Stop removes; it needs the pulseaudio and
// pulseaudio-utils Debian packages, and libasound2-plugins for ALSA clients.
package virtual

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// The names under which PulseAudio and ALSA know the virtual devices.
const (
	// Speaker is the sink programs play to (a null sink, the default sink).
	Speaker = "starloop_speaker"
	// Mic is the source programs record from (the default source). It hears
	// whatever is played into MicFeed and is silent otherwise.
	Mic = "starloop_mic"
	// MicFeed is the sink whose audio Mic hears; Speak plays into it.
	MicFeed = "starloop_mic_feed"
)

// room is the silent sink whose monitor is Mic's master; MicFeed is mixed
// on top of it.
const room = "starloop_room"

// readyTimeout bounds how long New waits for the daemon to accept clients.
// It normally takes a few tens of milliseconds.
const readyTimeout = 5 * time.Second

// alsaTopConfig is ALSA's top-level configuration on Debian; ALSA_CONFIG_PATH
// replaces it, so Env lists it before the server's own additions.
const alsaTopConfig = "/usr/share/alsa/alsa.conf"

// Options selects which virtual devices the server starts with. The zero
// value starts both.
type Options struct {
	// NoMic leaves out the microphone. PulseAudio then has no source but
	// the speaker's monitor (none at all with NoSpeaker too), and ALSA has
	// no PCM named Mic.
	NoMic bool
	// NoSpeaker leaves out the speaker and its monitor.
	NoSpeaker bool
}

// Server is a running PulseAudio daemon with virtual devices. Its methods
// are safe for concurrent use.
type Server struct {
	dir    string
	opts   Options
	env    []string // for clients: KEY=VALUE
	cmd    *exec.Cmd
	exited chan struct{} // closed once the daemon has exited and been reaped
	log    *tailBuffer   // the daemon's stderr

	mu       sync.Mutex
	children map[*exec.Cmd]struct{} // helper processes still running
	stopped  bool
}

// New starts a server and waits until it accepts clients; the caller must
// Stop it. It does not change the process's environment: pass
// Env to child processes, or call Setenv (in TestMain, with os.Setenv).
// Cancelling ctx stops a start that is still waiting; it does not stop a
// server that has started.
func New(ctx context.Context, opts Options) (*Server, error) {
	bin, err := exec.LookPath("pulseaudio")
	if err != nil {
		return nil, errors.New("pulseaudio is not installed (Debian packages pulseaudio and pulseaudio-utils; see scripts/install-deps.sh)")
	}
	if _, err := exec.LookPath("pactl"); err != nil {
		return nil, errors.New("pactl is not installed (Debian package pulseaudio-utils; see scripts/install-deps.sh)")
	}
	// A short folder name: PulseAudio's socket path must fit in 108 bytes.
	dir, err := os.MkdirTemp("", "slpa")
	if err != nil {
		return nil, fmt.Errorf("create server folder: %w", err)
	}
	s := &Server{dir: dir, opts: opts, exited: make(chan struct{}), log: &tailBuffer{max: 64 << 10}, children: map[*exec.Cmd]struct{}{}}
	if err := s.writeConfig(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}

	s.cmd = exec.Command(bin, "-n", "--file="+s.path("default.pa"),
		"--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no", "--system=no",
		"--log-target=stderr", "--log-level=notice")
	s.cmd.Env = append(withEnv(os.Environ(), s.env), "PULSE_CONFIG="+s.path("daemon.conf"))
	s.cmd.Stderr = s.log
	s.cmd.Stdout = s.log
	s.cmd.SysProcAttr = daemonAttr()
	if err := s.cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("start pulseaudio: %w", err)
	}
	go func() {
		s.cmd.Wait()
		close(s.exited)
	}()
	if err := s.waitReady(ctx); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

func (s *Server) path(name string) string { return filepath.Join(s.dir, name) }

// Dir is the server's private folder, which Stop removes.
func (s *Server) Dir() string { return s.dir }

// writeConfig writes the daemon's startup script and configuration, the
// clients' configuration and the ALSA additions, and sets s.env.
func (s *Server) writeConfig() error {
	for _, d := range []string{"runtime", "state", "config"} {
		if err := os.Mkdir(s.path(d), 0o700); err != nil {
			return fmt.Errorf("create server folder: %w", err)
		}
	}
	var pa strings.Builder
	fmt.Fprintf(&pa, "load-module module-cli-protocol-unix socket=%s\n", s.path("cli"))
	if !s.opts.NoSpeaker {
		// norewinds: without it, the first playback into an idle null sink
		// can stall for about two seconds.
		fmt.Fprintf(&pa, "load-module module-null-sink sink_name=%s rate=48000 channels=2 norewinds=1 sink_properties=device.description=starloop-virtual-speaker\n", Speaker)
		fmt.Fprintf(&pa, "set-default-sink %s\n", Speaker)
	}
	if !s.opts.NoMic {
		fmt.Fprintf(&pa, "load-module module-null-sink sink_name=%s rate=48000 channels=2 norewinds=1 sink_properties=device.description=starloop-silent-room\n", room)
		fmt.Fprintf(&pa, "load-module module-virtual-source source_name=%s master=%s.monitor uplink_sink=%s source_properties=device.description=starloop-virtual-microphone\n", Mic, room, MicFeed)
		fmt.Fprintf(&pa, "set-default-source %s\n", Mic)
	}
	// Last, so that a client that can connect finds every device in place.
	fmt.Fprintf(&pa, "load-module module-native-protocol-unix socket=%s auth-anonymous=1 auth-cookie-enabled=0\n", s.path("native"))

	// A private daemon.conf keeps the user's and the system's out.
	daemon := "daemonize = no\nexit-idle-time = -1\nflat-volumes = no\ndefault-sample-rate = 48000\ndefault-sample-channels = 2\n"
	// A dead daemon must stay dead: no client may spawn the user's own.
	client := "autospawn = no\n"

	var alsa strings.Builder
	alsa.WriteString("# PCMs for the starloop test server's devices; \"default\" already leads to them.\n")
	if !s.opts.NoMic {
		fmt.Fprintf(&alsa, "pcm.%s {\n\ttype asym\n\tcapture.pcm { type pulse device %s }\n\thint { show on description \"starloop virtual microphone\" }\n}\n", Mic, Mic)
	}
	if !s.opts.NoSpeaker {
		fmt.Fprintf(&alsa, "pcm.%s {\n\ttype asym\n\tplayback.pcm { type pulse device %s }\n\thint { show on description \"starloop virtual speaker\" }\n}\n", Speaker, Speaker)
	}
	files := map[string]string{
		"default.pa":  pa.String(),
		"daemon.conf": daemon,
		"client.conf": client,
		"asound.conf": alsa.String(),
	}
	for name, text := range files {
		if err := os.WriteFile(s.path(name), []byte(text), 0o600); err != nil {
			return fmt.Errorf("write server configuration: %w", err)
		}
	}

	s.env = []string{
		"PULSE_SERVER=unix:" + s.path("native"),
		"PULSE_RUNTIME_PATH=" + s.path("runtime"),
		"PULSE_STATE_PATH=" + s.path("state"),
		"PULSE_COOKIE=" + s.path("cookie"),
		"PULSE_CLIENTCONFIG=" + s.path("client.conf"),
		"XDG_CONFIG_HOME=" + s.path("config"),
	}
	if _, err := os.Stat(alsaTopConfig); err == nil {
		s.env = append(s.env, "ALSA_CONFIG_PATH="+alsaTopConfig+":"+s.path("asound.conf"))
	}
	return nil
}

// waitReady polls `pactl info` until the daemon answers, exits, or
// readyTimeout passes.
func (s *Server) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		if _, err := s.pactl(ctx, "info"); err == nil {
			return nil
		}
		select {
		case <-s.exited:
			return fmt.Errorf("pulseaudio exited during start-up: %s", lastLine(s.log.String()))
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return fmt.Errorf("pulseaudio did not accept clients within %v: %s", readyTimeout, lastLine(s.log.String()))
			}
			return ctx.Err()
		case <-tick.C:
		}
	}
}

// Env returns the variables (KEY=VALUE) that lead PulseAudio and ALSA
// clients to this server: PULSE_SERVER, PULSE_RUNTIME_PATH,
// PULSE_STATE_PATH, PULSE_COOKIE, PULSE_CLIENTCONFIG and XDG_CONFIG_HOME
// point into the server's folder, and ALSA_CONFIG_PATH adds the devices'
// named PCMs to ALSA's own configuration. Append them to a child process's
// environment.
func (s *Server) Env() []string { return append([]string(nil), s.env...) }

// Setenv calls set for each variable of Env: t.Setenv in a test,
// os.Setenv in TestMain.
func (s *Server) Setenv(set func(key, value string)) {
	for _, kv := range s.env {
		k, v, _ := strings.Cut(kv, "=")
		set(k, v)
	}
}

// Log returns the daemon's recent output (its last 64 KiB).
func (s *Server) Log() string { return s.log.String() }

// Speak plays pcm (16 kHz mono) into the microphone's feed and returns once
// PulseAudio has played all of it, so a program recording from Mic has heard
// it, give or take its own latency.
func (s *Server) Speak(ctx context.Context, pcm []int16) error {
	var b bytes.Buffer
	binary.Write(&b, binary.LittleEndian, pcm)
	cmd := s.command(ctx, "pacat", "--playback", "--device="+MicFeed, "--format=s16le", "--rate=16000", "--channels=1", "--raw", "--latency-msec=20", "--client-name=pulsetest-speak")
	cmd.Stdin = &b
	return s.run(cmd, "speak")
}

// SpeakFile plays a sound file (WAV, FLAC, anything paplay reads, at any
// rate) into the microphone's feed, like Speak.
func (s *Server) SpeakFile(ctx context.Context, path string) error {
	cmd := s.command(ctx, "paplay", "--device="+MicFeed, "--latency-msec=20", "--client-name=pulsetest-speak", path)
	return s.run(cmd, "speak "+path)
}

// Recording is the speaker's output being recorded; see RecordSpeaker.
type Recording struct {
	cmd  *exec.Cmd
	mu   sync.Mutex
	pcm  []byte
	err  error
	more chan struct{} // signalled, without blocking, when pcm grows
	done chan struct{} // closed when parec's output has been read to the end
}

// tail is how much more audio Stop waits for after it is called: longer than
// the path from a sink to its monitor to parec (about 30 ms here), so that
// everything played before Stop reaches the recording.
const tail = 150 * time.Millisecond

// RecordSpeaker starts recording what is played on Speaker (its monitor),
// as 16 kHz mono, until Stop. The recording starts within a few tens of
// milliseconds; it includes the silence before and after any sound.
// Cancelling ctx ends it as Stop would, without the wait for the tail.
func (s *Server) RecordSpeaker(ctx context.Context) (*Recording, error) {
	cmd := s.command(ctx, "parec", "--device="+Speaker+".monitor", "--format=s16le", "--rate=16000", "--channels=1", "--raw", "--latency-msec=10", "--client-name=pulsetest-record")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("record speaker: %w", err)
	}
	if err := s.startChild(cmd); err != nil {
		return nil, fmt.Errorf("record speaker: %w", err)
	}
	r := &Recording{cmd: cmd, more: make(chan struct{}, 1), done: make(chan struct{})}
	// This goroutine owns parec: it reads its output to the end, then
	// reaps it, however it ended (Stop, ctx, the server's Stop).
	go func() {
		defer close(r.done)
		buf := make([]byte, 4096)
		for {
			n, err := out.Read(buf)
			r.mu.Lock()
			r.pcm = append(r.pcm, buf[:n]...)
			if err != nil && !errors.Is(err, io.EOF) {
				r.err = err
			}
			r.mu.Unlock()
			select {
			case r.more <- struct{}{}:
			default:
			}
			if err != nil {
				break
			}
		}
		s.reap(cmd)
	}()
	return r, nil
}

// Stop waits until 150 ms more of the speaker's output has been recorded
// (so that what was played before the call is in), ends the recording and
// returns it as 16 kHz mono. Calling Stop again returns the same samples.
func (r *Recording) Stop() ([]int16, error) {
	r.mu.Lock()
	want := len(r.pcm) + int(tail.Seconds()*16000)*2
	r.mu.Unlock()
	deadline := time.NewTimer(tail + 2*time.Second)
	defer deadline.Stop()
wait:
	for {
		r.mu.Lock()
		n := len(r.pcm)
		r.mu.Unlock()
		if n >= want {
			break
		}
		select {
		case <-r.more:
		case <-r.done:
			break wait
		case <-deadline.C:
			break wait
		}
	}
	r.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-r.done:
	case <-time.After(2 * time.Second):
		r.cmd.Process.Kill()
		<-r.done
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	pcm := make([]int16, len(r.pcm)/2)
	binary.Read(bytes.NewReader(r.pcm[:2*len(pcm)]), binary.LittleEndian, pcm)
	return pcm, r.err
}

// RemoveMic ends every recording from Mic and then removes Mic and its
// feed, as when a USB microphone is unplugged. PulseAudio on its own would
// move those recordings to another source, here the speaker's monitor, and
// the recording program would never notice; ending them is what a program
// sees when its device vanishes with nowhere to go (ALSA hardware, a
// PulseAudio with no other source, a chosen device the user unplugged).
// Programs that open a device afterwards find no microphone. RemoveMic
// fails if there is no microphone.
func (s *Server) RemoveMic(ctx context.Context) error {
	if s.opts.NoMic {
		return errors.New("remove microphone: the server has none")
	}
	ids, err := s.recordingsFrom(ctx, Mic)
	if err != nil {
		return fmt.Errorf("remove microphone: %w", err)
	}
	for _, id := range ids {
		if err := s.cli("kill-source-output " + strconv.Itoa(id)); err != nil {
			return fmt.Errorf("remove microphone: %w", err)
		}
	}
	if _, err := s.pactl(ctx, "unload-module", "module-virtual-source"); err != nil {
		return fmt.Errorf("remove microphone: %w", err)
	}
	return nil
}

// SuspendMic stops (true) or resumes (false) Mic's flow of audio, leaving
// every recording connected: a device that stalls without failing.
func (s *Server) SuspendMic(ctx context.Context, suspend bool) error {
	flag := "0"
	if suspend {
		flag = "1"
	}
	if _, err := s.pactl(ctx, "suspend-source", Mic, flag); err != nil {
		return fmt.Errorf("suspend microphone: %w", err)
	}
	return nil
}

// Crash kills the daemon with SIGKILL and waits for it to die: every
// device disappears at once, as when the sound server crashes.
func (s *Server) Crash() error {
	if err := s.cmd.Process.Signal(syscall.SIGKILL); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("crash pulseaudio: %w", err)
	}
	<-s.exited
	return nil
}

// Stop kills any helper still running (recordings not stopped, Speak calls
// in progress; their owners reap them), stops the daemon (SIGTERM, then SIGKILL after two seconds)
// and removes the server's folder. Calling it again does nothing.
func (s *Server) Stop() error {
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return nil
	}
	s.stopped = true
	children := make([]*exec.Cmd, 0, len(s.children))
	for c := range s.children {
		children = append(children, c)
	}
	s.mu.Unlock()
	for _, c := range children {
		c.Process.Kill()
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(2 * time.Second):
		s.cmd.Process.Kill()
		<-s.exited
	}
	if err := os.RemoveAll(s.dir); err != nil {
		return fmt.Errorf("remove server folder: %w", err)
	}
	return nil
}

// command prepares a PulseAudio tool to run against this server.
func (s *Server) command(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = withEnv(os.Environ(), s.env)
	cmd.WaitDelay = time.Second
	return cmd
}

// startChild starts cmd and tracks it so that Stop can end it.
func (s *Server) startChild(cmd *exec.Cmd) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return errors.New("server stopped")
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	s.children[cmd] = struct{}{}
	return nil
}

// reap waits for a tracked child to exit and forgets it. Only the
// goroutine that owns cmd calls it.
func (s *Server) reap(cmd *exec.Cmd) error {
	err := cmd.Wait()
	s.mu.Lock()
	delete(s.children, cmd)
	s.mu.Unlock()
	return err
}

// run runs a tracked child to completion.
func (s *Server) run(cmd *exec.Cmd, op string) error {
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := s.startChild(cmd); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	if err := s.reap(cmd); err != nil {
		return fmt.Errorf("%s: %w: %s", op, err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// pactl runs pactl against this server and returns its output.
func (s *Server) pactl(ctx context.Context, args ...string) ([]byte, error) {
	cmd := s.command(ctx, "pactl", args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("pactl %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return stdout.Bytes(), nil
}

// cli sends one command to the daemon's command-line socket, for what pactl
// cannot do. The daemon answers nothing on success.
func (s *Server) cli(command string) error {
	c, err := net.DialTimeout("unix", s.path("cli"), time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(c, command+"\n"); err != nil {
		return err
	}
	c.(*net.UnixConn).CloseWrite()
	answer, err := io.ReadAll(c)
	if err != nil {
		return err
	}
	if msg := strings.TrimSpace(string(answer)); msg != "" {
		return fmt.Errorf("%s: %s", command, msg)
	}
	return nil
}

// recordingsFrom lists the indexes of the client streams recording from the
// named source.
func (s *Server) recordingsFrom(ctx context.Context, source string) ([]int, error) {
	out, err := s.pactl(ctx, "--format=json", "list", "short", "sources")
	if err != nil {
		return nil, err
	}
	var sources []struct {
		Index int    `json:"index"`
		Name  string `json:"name"`
	}
	if err := json.Unmarshal(out, &sources); err != nil {
		return nil, fmt.Errorf("read pactl's list of sources: %w", err)
	}
	idx := -1
	for _, src := range sources {
		if src.Name == source {
			idx = src.Index
		}
	}
	if idx < 0 {
		return nil, fmt.Errorf("no source named %s", source)
	}
	out, err = s.pactl(ctx, "--format=json", "list", "short", "source-outputs")
	if err != nil {
		return nil, err
	}
	var outputs []struct {
		Index  int    `json:"index"`
		Source int    `json:"source"`
		Driver string `json:"driver"`
	}
	if err := json.Unmarshal(out, &outputs); err != nil {
		return nil, fmt.Errorf("read pactl's list of recordings: %w", err)
	}
	var ids []int
	for _, o := range outputs {
		if o.Source == idx && strings.HasPrefix(o.Driver, "protocol-native") {
			ids = append(ids, o.Index)
		}
	}
	return ids, nil
}

// withEnv returns base with the variables in set replacing any of the same
// name.
func withEnv(base, set []string) []string {
	names := map[string]bool{}
	for _, kv := range set {
		k, _, _ := strings.Cut(kv, "=")
		names[k] = true
	}
	out := make([]string, 0, len(base)+len(set))
	for _, kv := range base {
		k, _, _ := strings.Cut(kv, "=")
		if !names[k] {
			out = append(out, kv)
		}
	}
	return append(out, set...)
}

// lastLine picks from the daemon's log the line that best explains a
// failure, for one-line errors: its last error ("E: ..."), else its last line.
func lastLine(log string) string {
	lines := strings.Split(strings.TrimSpace(log), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.HasPrefix(lines[i], "E: ") {
			return strings.TrimSpace(lines[i])
		}
	}
	if l := strings.TrimSpace(lines[len(lines)-1]); l != "" {
		return l
	}
	return "no output"
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if over := len(t.b) - t.max; over > 0 {
		t.b = append(t.b[:0], t.b[over:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.b)
}
