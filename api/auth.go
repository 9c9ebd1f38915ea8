package api

import (
	"net/http"

	"github.com/punchclock/punchclock/domain"
)

// authenticate returns the caller. Clockify accepts exactly one of X-Api-Key
// and X-Addon-Token; none, both, a repeated one, or an Authorization header
// get code 1000.
func (s *Server) authenticate(r *http.Request) (domain.User, error) {
	key := r.Header.Get("X-Api-Key")
	addon := r.Header.Get("X-Addon-Token")
	credentials := len(r.Header.Values("X-Api-Key")) + len(r.Header.Values("X-Addon-Token"))
	if (key == "") == (addon == "") || credentials > 1 || r.Header.Get("Authorization") != "" {
		return domain.User{}, domain.Errorf(domain.KindUnauthenticated, domain.CodeMissingAuth, "Multiple or none auth tokens present")
	}
	if addon != "" {
		// TODO: add-on tokens are JWTs signed by the marketplace; with no
		// marketplace to trust, every add-on token is refused.
		return domain.User{}, domain.Errorf(domain.KindUnauthenticated, 4017, "Token is not valid")
	}
	return s.svc.Authenticate(r.Context(), key)
}

// userHandler is a handler for routes outside any workspace.
type userHandler func(w http.ResponseWriter, r *http.Request, u domain.User) error

// memberHandler is a handler for routes under /workspaces/{workspaceId}.
type memberHandler func(w http.ResponseWriter, r *http.Request, a domain.Actor) error

func (s *Server) user(h userHandler) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		u, err := s.authenticate(r)
		if err != nil {
			return err
		}
		return h(w, r, u)
	}
}

func (s *Server) member(h memberHandler) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		u, err := s.authenticate(r)
		if err != nil {
			return err
		}
		a, err := s.svc.Enter(r.Context(), u, r.PathValue("workspaceId"))
		if err != nil {
			return err
		}
		return h(w, r, a)
	}
}
